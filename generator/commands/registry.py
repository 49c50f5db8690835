"""Every ``nastav`` command, in the order ``nastav --help`` lists them.

To add a command: a module in this package declaring ``COMMAND``
(``base.Command``), and its line here, where it is to appear in the help.
"""

from __future__ import annotations

from . import (
    build,
    check_links,
    check_site,
    export,
    export_gosweb,
    import_,
    init,
    new,
    report,
    schema,
    serve,
    templates,
    validate,
)
from .base import Command

COMMANDS: tuple[Command, ...] = (
    init.COMMAND,
    validate.COMMAND,
    build.COMMAND,
    serve.COMMAND,
    check_site.COMMAND,
    check_links.COMMAND,
    new.COMMAND,
    import_.COMMAND,
    templates.COMMAND,
    export.COMMAND,
    export_gosweb.COMMAND,
    report.COMMAND,
    schema.COMMAND,
)

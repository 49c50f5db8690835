"""The ``nastav`` commands: a thin shell over the library.

One module per command (``init.py``, ``build.py``, ``import_.py``, …), each
declaring a ``COMMAND`` (``base.Command``): its name, its Russian summary,
description and examples, its argparse arguments and its ``run(args,
console)``, which calls the library and prints what came back. The library
returns results and a ``diagnostics.Report`` and never prints;
``registry.py`` lists the commands in the order ``nastav --help`` shows
them, and ``cli.py`` builds the parser from it.

A command module imports the library inside ``run``: the parser is built on
every start (each rebuild of ``nastav serve`` too), so importing the
commands stays cheap.
"""

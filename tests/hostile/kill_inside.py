"""Runs quotetrack and kills it (SIGKILL, as ``kill -9`` does) inside a function of fact tracking.

    python kill_inside.py MODULE:FUNCTION CALL CHUNK python -m quotetrack ARGS...

The process dies on the CALL-th call of the function, after the function did its work and
before its transaction is committed ("-" and 0: never). CHUNK sets how many articles fact
tracking takes per transaction, so that a small corpus has several.
"""

from __future__ import annotations

import importlib
import os
import runpy
import signal
import sys


def main() -> None:
    where, call, chunk, *command = sys.argv[1:]
    from quotetrack.facts import update

    update.FACT_CHUNK = int(chunk)
    if where != "-":
        module_name, name = where.split(":")
        module = importlib.import_module(module_name)
        original = getattr(module, name)
        calls = []

        def killed(*args: object, **kwargs: object) -> object:
            result = original(*args, **kwargs)
            calls.append(1)
            if len(calls) == int(call):
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        for loaded in list(sys.modules.values()):  # every module that imported it by name
            if getattr(loaded, name, None) is original and (loaded.__name__ or "").startswith("quotetrack"):
                setattr(loaded, name, killed)
    # command: python -m quotetrack ARGS
    sys.argv = ["quotetrack", *command[3:]]
    runpy.run_module("quotetrack", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()

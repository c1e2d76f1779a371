"""The run stage: running claims and writing results.

:mod:`.runner` (run claims, the results file), :mod:`.script` (a claim module run as
``python -m``), :mod:`.kernel_process` (the stand-alone kernel in a child process).
"""

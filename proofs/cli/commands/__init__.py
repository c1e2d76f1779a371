"""Extra ``proofcheck`` subcommands: each module here defines ``register(subparsers)``.

``register`` adds one subparser and sets ``func=handler`` with ``set_defaults``;
``handler(args) -> int`` returns the exit status.  Errors of the toolkit
(:class:`exact.errors.ToolkitError`) are printed by the CLI as one line, exit 2.
"""

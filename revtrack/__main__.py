"""``python -m revtrack`` runs the command line."""

from .cli import main

main()

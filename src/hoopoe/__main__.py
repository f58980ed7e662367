"""`python -m hoopoe` runs the command line."""

from hoopoe.cli import main

main()

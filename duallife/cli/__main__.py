from duallife.cli import main

main()

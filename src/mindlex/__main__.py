from mindlex.cli import main

main()

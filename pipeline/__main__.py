from .cli.campaign import main

main()

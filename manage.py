#!/usr/bin/env python
from lscp.cli import main

if __name__ == "__main__":
    main()

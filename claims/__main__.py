"""`python -m claims extract ...` and `python -m claims conflicts ...`."""
from claims.cli import main

if __name__ == "__main__":
    main()

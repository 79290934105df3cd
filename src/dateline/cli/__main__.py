"""python -m dateline.cli"""

from .app import app

app(prog_name="dateline")

from quotediff.cli import app

app(prog_name="quotediff")

"""Django's SQLite backend, which creates the portal's own var/ folder (settings.VAR_DIR, where the
embedded database lives by default) when it first opens a database there: a fresh clone has no
var/ yet, and importing the settings must not create it. Any other folder must exist: a mistyped
DATABASE_URL fails loudly instead of creating a folder somewhere."""

from pathlib import Path

from django.conf import settings
from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        folder = Path(str(conn_params.get("database", ""))).parent
        if folder == Path(settings.VAR_DIR):
            folder.mkdir(exist_ok=True)
        return super().get_new_connection(conn_params)

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def register_sqlite_functions(sender, connection, **kwargs):
    """portal_fold(text) on SQLite: the accent- and case-insensitive form the search compares."""
    if connection.vendor == "sqlite":
        from .text import fold

        connection.connection.create_function("portal_fold", 1, fold, deterministic=True)


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search and saved views")

    def ready(self):
        connection_created.connect(register_sqlite_functions, dispatch_uid="search_sqlite_fold")

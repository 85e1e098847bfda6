"""Demo and volume data, apart from the apps: nothing in the portal itself imports it.

`manage.py seed_demo` (accounts/management/commands/seed_demo.py) runs it. One module per kind of
data; all but the first have `seed(*, rng, engagements, stdout)`:

- `accounts`: the demo accounts (officer, manager, admin and three colleagues), made first;
- `partners`: demo contribution agreements beside the real ones, with amounts and reports;
- `forums`: the recurring sessions of the real forums and their outcome documents;
- `engagements`: N engagements and everything that hangs off them, written with `bulk`, then
  linked to the agreements that paid for the work (`agreement_links`);
- `indicators`: one recorded result, as a manager left it.

`bulk` is the one code path for volume writes on PostgreSQL (COPY) and SQLite (batched INSERTs).
The package is a plain package, not an app: it has no models and needs no migrations.
"""

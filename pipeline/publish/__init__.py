"""Publishing: the read-only snapshot Datasette serves, Atom feeds, saved filters."""

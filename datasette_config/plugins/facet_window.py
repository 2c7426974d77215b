"""Facets that count the newest matches, so a list page answers fast at a million articles (issue #20).

Datasette computes each facet over every row the page's filters match: at a million articles (a hundred
thousand listed) that is seven scans of up to 100,000 rows per page view, one to three seconds with the
facets of `relevant_articles`. A table whose metadata sets `facet_window: N` has its column and array facets
counted over its N newest matching rows instead (newest by `facet_window_column`, default `date`), and the
page says so above the facets ("counted over the newest 5,000 of 63,412"). Below N matches the counts are
exact. The window is found once per page view, as a list of `facet_window_key` values (default `id`), and
every facet of the page counts over it; `facet_window_shared_key: true` says that rows share a key (the
mentions of one article), so the page's filters choose among them again. `facet_window_rows` names the table
the window's rows are read from by key when that is not the page's own (a view's table), and
`facet_window_unique_lists: true` says that no array holds a value twice (the store builds them from unique
keys), so an array facet counts without removing repeats first.
Tables without the setting get Datasette's own facets.

The built-in facet classes are replaced through a hook wrapper around `register_facet_classes`, which keeps
every facet type, URL and template of Datasette as it is.
"""

from __future__ import annotations

import asyncio
import copy
import json

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet, ColumnFacet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args


def window_of(datasette, database: str, table: str | None) -> dict | None:
    if not table:
        return None
    config = (datasette.metadata("tables", database=database) or {}).get(table) or {}
    if not config.get("facet_window"):
        return None
    return {"size": int(config["facet_window"]), "column": config.get("facet_window_column", "date"),
            "key": config.get("facet_window_key", "id"), "shared_key": bool(config.get("facet_window_shared_key")),
            "rows": config.get("facet_window_rows", table), "unique_lists": bool(config.get("facet_window_unique_lists"))}


def window_ids_sql(sql: str, window: dict) -> str:
    """The keys of the newest rows of the page's query (only the key and the date are sorted, never a
    title or a description: sorting 37,000 whole rows of entity_mentions cost 130 ms)."""
    key, column = window["key"], window["column"]
    both = f"[{key}]" if key == column else f"[{key}], [{column}]"
    return f"select [{key}] from (select {both} from ({sql}) order by [{column}] desc limit {window['size']})"


WINDOW_PARAM = "_facet_window_ids"


class _Windowed:
    """Mixed into a Datasette facet class: the same facet over the newest `size` rows of the page's query.

    The window is kept in the request's scope and shared by every facet of the page: each facet then counts
    over a list of keys, a few milliseconds, where finding the window again for each of seven facets would
    cost a search and an index walk each time."""

    async def facet_results(self):
        window = window_of(self.ds, self.database, self.table)
        if not self.params:
            self.params = {}  # Datasette passes [] when the page has no parameters
        if window is None or not isinstance(self.params, dict) or not self.get_configs():
            return await super().facet_results()
        # Datasette runs the column and the array facets at the same time (asyncio.gather): the first to ask
        # starts the window's query and the other awaits the same task, where each used to run it again.
        cache = self.request.scope.setdefault("tracker_facet_window", {})
        if self.sql not in cache:
            cache[self.sql] = asyncio.ensure_future(self._window_ids(window))
        ids = await cache[self.sql]
        if ids is None:  # as Datasette does with a slow facet: the page without these facets
            return [], [config["config"].get("column") or config["config"]["simple"] for config in self.get_configs()]
        # Only the columns these facets count: Datasette's array facet removes repeats with a DISTINCT over
        # every column of its subquery, which over wide rows (title, description) costs ten times more.
        key = window["key"]
        columns = ", ".join(f"[{config['config'].get('column') or config['config']['simple']}]"
                            for config in self.get_configs())
        self.params = {**self.params, WINDOW_PARAM: ids}
        # A key of one row each (an article's id) names the window's rows: read them by key, and the page's
        # filters (a search, a topic) are not evaluated again for each facet. Where rows share a key (the
        # mentions of one article), the page's filters still choose among them.
        source = f"({self.sql})" if window["shared_key"] else f"[{window['rows']}]"
        self.sql = (f"select [{key}], {columns} from {source} "
                    f"where [{key}] in (select value from json_each(:{WINDOW_PARAM}))")
        if getattr(self, "_count_arrays", False):
            results, timed_out = await self._array_results(window)
        else:
            results, timed_out = await self._columns_at_once()
        # row_count is the page's count; None when the page asked for none (_nocount): then "the newest N".
        if self.row_count is None or self.row_count > window["size"]:
            for result in results:
                result["window"] = {"size": window["size"], "of": self.row_count}
        return results, timed_out

    async def _columns_at_once(self):
        """Datasette's column facets, each counted on its own copy of this facet at the same time: Datasette
        runs them one after another, and each is a query of its own over the window (three of 3-6 ms on a
        searched page at 1M articles)."""
        def one(config):
            part = copy.copy(self)
            part.get_configs = lambda: [config]
            return ColumnFacet.facet_results(part)

        parts = await asyncio.gather(*(one(config) for config in self.get_configs()))
        return ([result for results, _ in parts for result in results],
                [column for _, timed_out in parts for column in timed_out])

    async def _window_ids(self, window: dict) -> str | None:
        """The keys of the window, as a JSON list (None when finding them took too long)."""
        try:
            rows = await self.ds.execute(self.database, window_ids_sql(self.sql, window), self.params,
                                         custom_time_limit=self.ds.setting("facet_time_limit_ms") * 5)
        except QueryInterrupted:
            return None
        return json.dumps(sorted({row[0] for row in rows.rows}))


class WindowedColumnFacet(_Windowed, ColumnFacet):
    pass


class WindowedArrayFacet(_Windowed, ArrayFacet):
    async def facet_results(self):
        configs = self.get_configs()
        if window_of(self.ds, self.database, self.table) is None or not configs:
            return await super().facet_results()
        # _Windowed turns self.sql into the window's rows (key and these columns); each array column is then
        # counted on its own, each article counting a value once, as Datasette's array facet does. Its own
        # query removes repeats with a DISTINCT over every column of the subquery, twice as slow on the same
        # rows (people over 5,000 articles: 20 ms against 12 at 1M).
        self._count_arrays = True
        return await _Windowed.facet_results(self)

    async def _array_results(self, window: dict):
        facet_size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        filters = index_filters(self.ds, self.database, self.table)
        # Datasette's absolute_url joins each link with the request's URL (urljoin): done once here, as the
        # links of four facets of 30 values each took 10 ms of a page.
        root = self.ds.absolute_url(self.request, "/").rstrip("/")

        async def count(source_and_config):
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            # Each article counts a value once: where a list may repeat a value, repeats are removed first, a
            # sort that cost half of each facet (people over 5,000 articles: 13.5 ms against 8.3 at 1M).
            pairs_sql = (f"select j.value as value from ({self.sql}) w, json_each(w.[{column}]) j"
                         if window["unique_lists"] else
                         f"select distinct w.[{window['key']}], j.value as value "
                         f"from ({self.sql}) w, json_each(w.[{column}]) j")
            sql = (f"select value, count(*) as count from ({pairs_sql}) group by value "
                   f"order by count desc, value limit {facet_size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                return column, None
            # A value links to the index filter of its column when it has one (?_topic=), else to Datasette's
            # own `column__arraycontains`; either one selects it.
            param = filters[column]["param"] if column in filters else f"{column}__arraycontains"
            values = []
            for row in rows.rows[:facet_size]:
                value = str(row["value"])
                chosen_by = next((key for key in (param, f"{column}__arraycontains") if (key, value) in pairs), None)
                toggle = (path_with_removed_args(self.request, {chosen_by: value}) if chosen_by
                          else path_with_added_args(self.request, {param: value}))
                values.append({"value": value, "label": value, "count": row["count"],
                               "selected": chosen_by is not None, "toggle_url": root + toggle})
            return column, {"name": column, "type": self.type, "results": values,
                            "hideable": source_and_config["source"] != "metadata",
                            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request,
                                                                                   {"_facet_array": column})),
                            "truncated": len(rows) > facet_size}

        # The array columns are counted at the same time, on Datasette's SQL threads (the page's four took
        # 38 ms one after another at 1M articles), and listed in the order the metadata gives.
        counted = await asyncio.gather(*(count(config) for config in self.get_configs()))
        results = [result for _, result in counted if result is not None]
        return results, [column for column, result in counted if result is None]


def index_filters(datasette, database: str, table: str | None) -> dict:
    """`facet_filters` of a table: array column -> {param, sql}: a filter that answers "this list contains the
    value" from an index, where Datasette's `column__arraycontains` reads every row's JSON list."""
    if not table:
        return {}
    return ((datasette.metadata("tables", database=database) or {}).get(table) or {}).get("facet_filters") or {}


@hookimpl
def filters_from_request(request, database, table, datasette):
    where, params, said = [], {}, []
    for column, spec in index_filters(datasette, database, table).items():
        for number, value in enumerate(request.args.getlist(spec["param"])):
            name = f"{spec['param'].lstrip('_')}_{number}"
            where.append(spec["sql"].replace(":value", f":{name}"))
            params[name] = value
            said.append(f'{column} contains "{value}"')
    if where:
        return FilterArguments(where, params, said)
    return None


REPLACEMENTS = {ColumnFacet: WindowedColumnFacet, ArrayFacet: WindowedArrayFacet}


@hookimpl(hookwrapper=True)
def register_facet_classes():
    outcome = yield
    outcome.force_result([[REPLACEMENTS.get(cls, cls) for cls in classes] for classes in outcome.get_result()])

"""Plain SQL for the few reads and writes made on every request, where Django's machinery costs
more than the query itself: `fetchone`/`fetchall` run a statement with less overhead than a
cursor (on SQLite, a query through `connection.cursor()` costs about 55 µs of Python around
10 µs of SQLite), and `instance` makes model instances from the rows, converted as the ORM would
(dates, JSON, booleans)."""

from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init


def fetchone(sql: str, params: list | tuple = ()) -> tuple | None:
    """The first row of `sql` (with %s placeholders), or None."""
    return _run(sql, params, _one)


def fetchall(sql: str, params: list | tuple = ()) -> list[tuple]:
    return _run(sql, params, _all)


def execute(sql: str, params: list | tuple = ()) -> int:
    """Run a write; returns the number of rows it changed."""
    return _run(sql, params, _count)


def _one(cursor):
    return cursor.fetchone()


def _all(cursor):
    return cursor.fetchall()


def _count(cursor):
    return cursor.rowcount


def _run(sql: str, params, result):
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor != "sqlite" or db.queries_logged or db.execute_wrappers:
        # Elsewhere, and whenever queries are counted or wrapped (tests, debugging), the usual way.
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return result(cursor)
    # What `connection.cursor().execute()` does on SQLite, without the layers in between: the
    # same health check, connection, transaction state check, error translation and statement.
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_no_broken_transaction()
    with db.wrap_database_errors:
        cursor = db.connection.execute(_qmark(sql), params)
        try:
            return result(cursor)
        finally:
            cursor.close()


@lru_cache(maxsize=512)
def _qmark(sql: str) -> str:
    """Django's %s placeholders in sqlite3's style, as Django's SQLite cursor converts them."""
    return FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")


def select(model, names: tuple[str, ...], table: str = "") -> str:
    """SELECT list for `names` (field names) of `model`, with each column prefixed by `table`
    (a table name or alias) if given."""
    return _select(model, names, table, connections[DEFAULT_DB_ALIAS].vendor)


@lru_cache(maxsize=64)
def _select(model, names: tuple[str, ...], table: str, vendor: str) -> str:
    quote = connection.ops.quote_name
    prefix = f"{table}." if table else ""
    return ", ".join(prefix + quote(model._meta.get_field(name).column) for name in names)


def instance(model, names: tuple[str, ...], row) -> object:
    """A model instance from `row` (values in the order of `names`), as if loaded by the ORM."""
    db = connections[DEFAULT_DB_ALIAS]
    order, converters = _loading(model, names, db.vendor)
    values = [row[n] for n in order]
    for position, column, steps in converters:
        value = values[position]
        for convert in steps:
            value = convert(value, column, db)
        values[position] = value
    attnames = _attnames(model, names)
    if not _plain_init(model) or pre_init.has_listeners(model) or post_init.has_listeners(model):
        return model.from_db(db.alias, attnames, values)
    # What `from_db` makes when nothing listens to the model's creation: the loaded values in
    # the instance's dictionary (the fields not loaded are deferred), and its state.
    new = model.__new__(model)
    new.__dict__.update(zip(attnames, values, strict=True))
    new._state = ModelState()
    new._state.adding, new._state.db = False, db.alias
    return new


@lru_cache(maxsize=64)
def _plain_init(model) -> bool:
    """Whether the model is made and loaded as Django's Model does it (not overridden)."""
    return model.__init__ is Model.__init__ and model.from_db.__func__ is Model.from_db.__func__


@lru_cache(maxsize=64)
def _attnames(model, names: tuple[str, ...]) -> tuple[str, ...]:
    """The loaded fields' attribute names in the model's own field order (as `from_db` takes them)."""
    loaded = {model._meta.get_field(name).attname for name in names}
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in loaded)


@lru_cache(maxsize=64)
def _loading(model, names: tuple[str, ...], vendor: str):
    """Where each value of the model's field order sits in a row of `names`, and the converters
    of the fields that have any: as the ORM's compiler does, the backend's, then the field's own."""
    table = model._meta.db_table
    position = {model._meta.get_field(name).attname: n for n, name in enumerate(names)}
    order = tuple(position[attname] for attname in _attnames(model, names))
    converters = []
    for n, attname in enumerate(_attnames(model, names)):
        column = model._meta.get_field(attname).get_col(table)
        steps = tuple(connection.ops.get_db_converters(column)) + tuple(column.get_db_converters(connection))
        if steps:
            converters.append((n, column, steps))
    return order, tuple(converters)

"""Model instances from plain SQL rows, converted as the ORM would (dates, JSON, booleans), for
the few reads on every request where compiling an ORM query costs more than running it."""

from functools import lru_cache

from django.db import connection


@lru_cache(maxsize=64)
def _converters(model, names: tuple[str, ...], vendor: str):
    table = model._meta.db_table
    fields = [model._meta.get_field(name) for name in names]
    columns = [field.get_col(table) for field in fields]
    # As the ORM's compiler does: the backend's converters, then the field's own.
    return tuple(
        (column, tuple(connection.ops.get_db_converters(column)) + tuple(column.get_db_converters(connection)))
        for column in columns
    )


def select(model, names: tuple[str, ...]) -> str:
    """SELECT list for `names` (field names) of `model`."""
    return _select(model, names, connection.vendor)


@lru_cache(maxsize=64)
def _select(model, names: tuple[str, ...], vendor: str) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(model._meta.get_field(name).column) for name in names)


def instance(model, names: tuple[str, ...], row) -> object:
    """A model instance from `row` (values in the order of `names`), as if loaded by the ORM."""
    converted = []
    for value, (column, converters) in zip(row, _converters(model, names, connection.vendor), strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        converted.append(value)
    # `from_db` takes the values in the model's own field order.
    by_attname = {model._meta.get_field(name).attname: value for name, value in zip(names, converted, strict=True)}
    attnames = [f.attname for f in model._meta.concrete_fields if f.attname in by_attname]
    return model.from_db(connection.alias, attnames, [by_attname[a] for a in attnames])

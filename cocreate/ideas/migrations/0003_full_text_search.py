from django.db import migrations


def create_index(apps, schema_editor):
    from cocreate.ideas.search import ensure_index

    ensure_index(schema_editor.connection, rebuild=True)


def drop_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            for trigger in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS ideas_idea_fts_{trigger}")
            cursor.execute("DROP TABLE IF EXISTS ideas_idea_fts")
        else:
            cursor.execute("DROP INDEX IF EXISTS idea_search_text_gin")


class Migration(migrations.Migration):
    dependencies = [("ideas", "0002_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]

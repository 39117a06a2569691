import com.hotgigs.migrate.Migrator
import com.hotgigs.migrate.MigratorConfig
import com.hotgigs.migrate.it.InvokerDatabase

def database = InvokerDatabase.create()
context.put('database', database)
context.get('userProperties').put('hotgigs.url', InvokerDatabase.url(database))
def catalog = InvokerDatabase.catalog(database)
catalog.execute('CREATE TABLE tenants (schema_name text PRIMARY KEY, active boolean NOT NULL)')
catalog.execute("INSERT INTO tenants SELECT format('tenant_%s', lpad(i::text, 3, '0')), true FROM generate_series(1, 50) AS i")
catalog.execute("INSERT INTO tenants VALUES ('tenant_999', false)")
// tenant_013 is at 001, and has since been given a table that 002 creates.
new Migrator(MigratorConfig.builder().url(InvokerDatabase.url(database)).schema('tenant_013').searchPath('tenant_013')
        .target('001').build()).migrate()
catalog.execute('CREATE TABLE tenant_013.bulk_import_jobs (conflicting int)')
return true

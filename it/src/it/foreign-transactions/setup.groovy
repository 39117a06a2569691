import com.hotgigs.migrate.it.InvokerDatabase

def database = InvokerDatabase.create()
context.put('database', database)
context.get('userProperties').put('hotgigs.url', InvokerDatabase.url(database))
return true

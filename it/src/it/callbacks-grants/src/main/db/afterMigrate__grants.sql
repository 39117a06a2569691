-- After every migrate: the application's role reads every table and view of the schema,
-- new ones included. The role differs per environment: -Dhotgigs.placeholders.app_role=...
GRANT USAGE ON SCHEMA ${hotgigs:schema} TO ${app_role};
GRANT SELECT ON ALL TABLES IN SCHEMA ${hotgigs:schema} TO ${app_role};

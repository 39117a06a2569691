-- Before every migrate: the application's role exists (for throwaway and developer databases;
-- where roles are managed elsewhere, delete this file). Needs CREATEROLE, or the role already made.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '${app_role}') THEN
        CREATE ROLE ${app_role} NOLOGIN;
    END IF;
END
$$;

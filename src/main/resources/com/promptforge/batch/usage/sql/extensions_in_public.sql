-- Extensions installed in schema public: their functions and tables are served by the API like the
-- application's own, and their names crowd the application's. Supabase keeps them in schema extensions.
-- No parameters.
select 'warning' as severity, format('extension %I', e.extname) as object_name,
       format('extension %I %s is installed in schema public', e.extname, e.extversion) as evidence,
       format('CREATE SCHEMA IF NOT EXISTS extensions; ALTER EXTENSION %I SET SCHEMA extensions;  -- where it is '
              || 'relocatable; else DROP EXTENSION and CREATE EXTENSION %I SCHEMA extensions', e.extname, e.extname)
         as recommendation
  from pg_extension e
 where e.extnamespace = 'public'::regnamespace
 order by 2

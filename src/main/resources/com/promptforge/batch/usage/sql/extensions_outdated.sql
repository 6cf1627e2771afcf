-- Extensions whose installed version is older than the one the server ships: the update brings its fixes.
-- No parameters.
select 'info' as severity, format('extension %I', e.extname) as object_name,
       format('extension %I is at version %s; the server offers %s', e.extname, e.extversion, a.default_version)
         as evidence,
       format('ALTER EXTENSION %I UPDATE;', e.extname) as recommendation
  from pg_extension e
  join pg_available_extensions a on a.name = e.extname
 where a.default_version is distinct from e.extversion
 order by 2

-- 021_security_lint_fixes.sql
--
-- Makes PromptForge's own migrations pass the usage report's security checks (issue 24; the checks are
-- usage/sql/*.sql, documented in docs/DATABASE.md). On a database holding only 001-020 they found:
--   * extensions_in_public: on plain PostgreSQL, 001's "create extension" put pgcrypto and uuid-ossp in
--     schema public (on Supabase they already live in schema extensions). Here they move to a schema
--     extensions made like Supabase's (usage for anon, authenticated and service_role, so that functions
--     whose search_path names it, like 005's checksum trigger, still find digest()). An extension someone
--     else owns stays where it is, with a warning;
--   * definer_functions_executable_by_authenticated: pf_is_org_member / pf_has_org_role (001). Executable by
--     authenticated on purpose (QA 604: they answer only whether the caller is a member), so they are
--     silenced in the report (usage.HealthChecks.INTENDED), not changed here.
-- Nothing else: every function of public pins its search_path, every policy wraps auth.uid() as
-- (select auth.uid()), no definer function is executable by anon, every view is security_invoker, every
-- table of public has RLS and policies, and no two permissive policies share a table, role and command.
-- The QA tests below keep it so.

do $$
declare
  v_extension text;
begin
  if not exists (select 1 from pg_catalog.pg_namespace where nspname = 'extensions') then
    create schema extensions;
    comment on schema extensions is
      'promptforge: the extensions 001 installs (pgcrypto, uuid-ossp), out of schema public as on Supabase';
    grant usage on schema extensions to anon, authenticated, service_role;
  end if;
  foreach v_extension in array array['pgcrypto', 'uuid-ossp'] loop
    if exists (select 1 from pg_catalog.pg_extension
                where extname = v_extension and extnamespace = 'public'::pg_catalog.regnamespace) then
      begin
        execute format('alter extension %I set schema extensions', v_extension);
      exception when insufficient_privilege then
        raise warning 'extension % stays in schema public: %', v_extension, sqlerrm;
      end;
    end if;
  end loop;
end
$$;

-- =============================================================================================
-- QA: this file's tests, discovered by run_all_qa_tests() (009 explains the registration)
-- =============================================================================================
create or replace function public.pf_qa_tests_021()
returns table (id integer, category text, test_name text, query text)
language sql
immutable
set search_path = ''
as $fn$
  select x.id, x.category, x.test_name, x.query
    from (values
      (614, 'Security', 'pgcrypto and uuid-ossp are not installed in schema public', $q$
        select count(*) = 0,
               coalesce('in schema public: ' || string_agg(e.extname, ', ' order by e.extname),
                        'pgcrypto and uuid-ossp live outside schema public')
          from pg_catalog.pg_extension e
         where e.extname in ('pgcrypto', 'uuid-ossp') and e.extnamespace = 'public'::pg_catalog.regnamespace
      $q$),
      (615, 'Security', 'every function in public pins its search_path (extensions aside)', $q$
        select count(*) = 0,
               coalesce('without search_path: ' || string_agg(p.oid::pg_catalog.regprocedure::text, ', '
                                                              order by p.oid::pg_catalog.regprocedure::text),
                        'every function in public pins its search_path')
          from pg_catalog.pg_proc p
         where p.pronamespace = 'public'::pg_catalog.regnamespace
           and not exists (select 1 from unnest(p.proconfig) as c(setting) where c.setting like 'search\_path=%')
           and not exists (select 1 from pg_catalog.pg_depend d
                            where d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass and d.objid = p.oid
                              and d.deptype = 'e')
      $q$),
      (616, 'Security', 'no two permissive policies of a table in public share a role and command', $q$
        with applies as (
          select c.relname, r.role_id, cmd.command, p.polname
            from pg_catalog.pg_policy p
            join pg_catalog.pg_class c on c.oid = p.polrelid
           cross join unnest(p.polroles) as r(role_id)
           cross join unnest(case p.polcmd when '*' then array['r', 'a', 'w', 'd'] else array[p.polcmd::text] end)
                 as cmd(command)
           where c.relnamespace = 'public'::pg_catalog.regnamespace and p.polpermissive),
        doubled as (
          select relname || ' (' || command || '): ' || string_agg(polname, ', ' order by polname) as msg
            from applies group by relname, role_id, command having count(*) > 1)
        select count(*) = 0,
               coalesce(string_agg(msg, '; ' order by msg), 'one permissive policy per table, role and command')
          from doubled
      $q$)
      ) as x(id, category, test_name, query)
$fn$;

comment on function public.pf_qa_tests_021() is
  'PromptForge QA: the tests of 021 (ids 614-616), discovered by run_all_qa_tests(). Owner and service_role only.';
revoke all on function public.pf_qa_tests_021() from public, anon, authenticated;
grant execute on function public.pf_qa_tests_021() to service_role;

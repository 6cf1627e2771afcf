-- Policies that call auth.uid(), auth.jwt(), auth.role(), auth.email() or current_setting() bare: PostgreSQL
-- calls it for every row it checks. Wrapped as (select auth.uid()) it is an InitPlan, run once per statement.
-- The fix is the policy's own expression with every bare call wrapped. Parameters: :schemas.
with policies as (
  select n.nspname, c.relname, p.polname,
         pg_get_expr(p.polqual, p.polrelid) as using_expression,
         pg_get_expr(p.polwithcheck, p.polrelid) as check_expression
    from pg_policy p
    join pg_class c on c.oid = p.polrelid
    join pg_namespace n on n.oid = c.relnamespace
   where n.nspname in (:schemas)
),
-- the calls that are not already inside "( SELECT auth.uid() AS uid)", as pg_get_expr prints a wrapped one
bare as (
  select p.*,
         regexp_replace(coalesce(p.using_expression, '') || ' ' || coalesce(p.check_expression, ''),
                        '\(\s*SELECT\s+(auth\.\w+\(\)|current_setting\([^()]*\))\s+AS\s+\w+\)', '', 'gi')
           ~* '(auth\.(uid|jwt|role|email)\(\)|current_setting\()' as per_row
    from policies p
),
-- the expressions with every call wrapped: wrap all, then unwrap the ones that were wrapped already
fixed as (
  select b.*,
         (select array_agg(regexp_replace(
                             regexp_replace(e, '(auth\.(uid|jwt|role|email)\(\)|current_setting\([^()]*\))',
                                            '(select \1)', 'gi'),
                             '\(\s*SELECT\s+\(select ((auth\.\w+\(\)|current_setting\([^()]*\)))\)\s+AS\s+\w+\)',
                             '(select \1)', 'gi') order by ord)
            from unnest(array[b.using_expression, b.check_expression]) with ordinality as x(e, ord)) as wrapped
    from bare b
   where b.per_row
)
select 'warning' as severity, format('%I.%I.%I', b.nspname, b.relname, b.polname) as object_name,
       format('policy %I on %I.%I calls auth.*() or current_setting() once per row: %s', b.polname, b.nspname,
              b.relname, concat_ws(' / ', 'USING ' || b.using_expression, 'WITH CHECK ' || b.check_expression))
         as evidence,
       format('ALTER POLICY %I ON %I.%I%s%s;', b.polname, b.nspname, b.relname,
              ' USING (' || b.wrapped[1] || ')', ' WITH CHECK (' || b.wrapped[2] || ')') as recommendation
  from fixed b
 order by 2

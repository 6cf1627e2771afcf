-- 014_validate_json_shapes.sql
--
-- Validates the JSON shape constraints that 013 added NOT VALID, so that PostgreSQL knows every
-- existing row has its shape (convalidated). A migration of its own because Flyway runs each file in
-- its own transaction: 013's ALTER TABLE ... ADD CONSTRAINT took a short ACCESS EXCLUSIVE lock and
-- committed; VALIDATE CONSTRAINT scans the rows under SHARE UPDATE EXCLUSIVE, which lets reads and
-- writes go on meanwhile (new rows are already checked since 013).
--
-- On a database whose existing rows do not all have their shapes, this migration fails, naming the
-- table, the constraint and the first problem found, and says what to do: run
--     java -jar target/promptforge-batch.jar validate
-- first (it lists every offending row, table, key, column and problem, in
-- reports/validation/validation-<timestamp>.xlsx; select * from public.pf_json_shape_problems()
-- lists them in SQL), fix or delete those rows, then migrate again. Nothing of 014 is kept when it
-- fails, so it simply runs again.
--
-- The constraints come from public.pf_json_shapes() (013), the one list of shaped columns.

do $$
declare
  v_shape record;
  v_problem text;
begin
  for v_shape in
    select s.table_name, s.constraint_name
      from public.pf_json_shapes() with ordinality as s(table_name, key_column, column_name, constraint_name, problem, n)
      join pg_catalog.pg_constraint c
        on c.conname = s.constraint_name
       and c.conrelid = pg_catalog.to_regclass('public.' || s.table_name)
     where not c.convalidated
     order by s.n
  loop
    begin
      execute format('alter table public.%I validate constraint %I', v_shape.table_name, v_shape.constraint_name);
    exception when check_violation then
      get stacked diagnostics v_problem = message_text;
      raise exception 'existing rows of public.% do not have their JSON shape (%: %). Run  java -jar target/promptforge-batch.jar validate  first: it lists every offending row (table, key, column, problem) in reports/validation/; fix or delete those rows, then migrate again.',
                      v_shape.table_name, v_shape.constraint_name, v_problem
        using errcode = 'check_violation',
              hint = 'In SQL: select * from public.pf_json_shape_problems(); the shapes are described in docs/DATABASE.md (JSON shapes).';
    end;
  end loop;
end
$$;

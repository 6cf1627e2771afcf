-- Test script: two statements, the seed written in.
select ${seed} as seed;
select 'a;' || 'b'
  as joined;

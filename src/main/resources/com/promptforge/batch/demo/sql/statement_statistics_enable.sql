-- Creates pg_stat_statements in the demo's embedded database (the server preloads its library, as Supabase's does),
-- so that the usage report's Query performance sheet is filled. In schema extensions, where Supabase keeps it, not in
-- public, where an app's own objects go.
create schema if not exists extensions;
create extension if not exists pg_stat_statements with schema extensions;

-- Whether the database has Supabase's auth.users (or a stand-in) to take e-mails from.
select to_regclass('auth.users') is not null

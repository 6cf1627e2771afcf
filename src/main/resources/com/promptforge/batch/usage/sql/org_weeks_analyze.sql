-- Refreshes the planner's statistics of usage.org_weeks right after a store (WeeklyUsage.analyze says why).
analyze usage.org_weeks

-- The planner's figures for coverage_spans (filled by 0008) and for the small tables the dashboard's
-- queries join to it and to members and claims. A database loaded in bulk (the scale seed analyzes only
-- its big tables) on a server without autovacuum never gets them otherwise, and its plans then start
-- from the wrong side: 0.35 s instead of 5 ms for the claims by village, 0.4 s instead of 12 ms for the
-- agents' facts, measured on the kabupaten-scale data.
ANALYZE coverage_spans, regions, communities, agent_communities, agents, users;

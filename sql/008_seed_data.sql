-- 008_seed_data.sql
--
-- Seeds the reference data PromptForge cannot run without, plus a small demo tenant:
--   * plans pilot / pro / enterprise and every plan's value for every entitlement flag (003);
--   * the catalog (004): 50 prompt modules M01..M50 (5 per category), the CORE 25 industrial
--     domains and the allowed codes of the five run parameters;
--   * version 1.0.0 of every module, published and current (006);
--   * the demo organization (slug 'demo', fixed ids below) with its owner, an active 'pro'
--     subscription and the pro plan's entitlements, and one completed, scored (overall 86) demo
--     run with its telemetry, prompt history and export bundle (005), so dashboards, gating
--     and exports have something real to show on a fresh database.
--
-- Every value satisfies the JSON shapes documented in docs/DATABASE.md (a later migration turns
-- them into CHECK constraints). Nothing here depends on auth.uid(): the migration runs without a
-- JWT, so owner, run user and authors are set explicitly. Inserts are idempotent
-- (on conflict do nothing / not exists), but the file is meant to run once, after 001..007.
--
-- Fixed demo ids:
--   organization  00000000-0000-4000-8000-000000000001  (slug 'demo')
--   owner (user)  00000000-0000-4000-8000-0000000000a1
--   run           00000000-0000-4000-8000-000000000101
--   history row   00000000-0000-4000-8000-000000000201
--   bundle        00000000-0000-4000-8000-000000000301

-- =============================================================================================
-- plans and plan entitlements
-- =============================================================================================
insert into public.plans (code, name, description, monthly_price_cents)
values
  ('pilot', 'Pilot',
   'Free pilot for evaluating PromptForge: the full module and domain catalog, prompt generation and scoring; no exports, API or team features.',
   0),
  ('pro', 'Pro',
   'For teams putting prompts into production: PDF and DOCX exports and a shared team workspace.',
   4900),
  ('enterprise', 'Enterprise',
   'Everything in Pro plus API access, an audit log and single sign-on (SSO) for organization-wide rollouts.',
   49900)
on conflict (code) do nothing;

-- every flag of every plan, false values included
insert into public.plan_entitlements (plan_code, flag, value)
values
  ('pilot',      'canExportPDF',     false),
  ('pilot',      'hasAPI',           false),
  ('pilot',      'canExportDOCX',    false),
  ('pilot',      'hasTeamWorkspace', false),
  ('pilot',      'hasAuditLog',      false),
  ('pilot',      'hasSSO',           false),
  ('pro',        'canExportPDF',     true),
  ('pro',        'hasAPI',           false),
  ('pro',        'canExportDOCX',    true),
  ('pro',        'hasTeamWorkspace', true),
  ('pro',        'hasAuditLog',      false),
  ('pro',        'hasSSO',           false),
  ('enterprise', 'canExportPDF',     true),
  ('enterprise', 'hasAPI',           true),
  ('enterprise', 'canExportDOCX',    true),
  ('enterprise', 'hasTeamWorkspace', true),
  ('enterprise', 'hasAuditLog',      true),
  ('enterprise', 'hasSSO',           true)
on conflict (plan_code, flag) do nothing;

-- =============================================================================================
-- catalog: 50 modules (vector = 7 dimensions in [0, 1]; spec = {objective, inputs, outputs,
-- template}; kpis = [{name, target, unit}]). Template placeholders ({{domain}}, {{scale}}, ...,
-- one per input) are filled in by the prompt engine.
-- =============================================================================================
insert into public.modules (id, name, category, vector, spec, kpis)
values
  ('M01', 'Strategic Roadmap Planner', 'Strategy',
   '{"clarity": 0.87, "specificity": 0.74, "context": 0.85, "structure": 0.77, "constraints": 0.64, "creativity": 0.71, "actionability": 0.83}',
   '{"objective": "Turn business goals into a phased 12-18 month strategic roadmap with initiatives, owners, milestones and risks.",
     "inputs": ["Business goals", "Current state assessment", "Constraints and budget", "Time horizon"],
     "outputs": ["Phased roadmap with initiatives and milestones", "Owner and dependency map", "Top risks with mitigations", "Success metrics per phase"],
     "template": "You are a senior strategy consultant supporting a {{domain}} organization.\n\nObjective: Turn business goals into a phased 12-18 month strategic roadmap with initiatives, owners, milestones and risks.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Business goals: {{business_goals}}\n- Current state assessment: {{current_state_assessment}}\n- Constraints and budget: {{constraints_and_budget}}\n- Time horizon: {{time_horizon}}\n\nDeliver:\n1. Phased roadmap with initiatives and milestones\n2. Owner and dependency map\n3. Top risks with mitigations\n4. Success metrics per phase\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Initiatives with a named owner", "target": 100, "unit": "%"}, {"name": "Milestones delivered on time", "target": 85, "unit": "%"}, {"name": "Time to first roadmap draft", "target": 2, "unit": "hours"}]'),
  ('M02', 'Competitive Landscape Analysis', 'Strategy',
   '{"clarity": 0.83, "specificity": 0.7, "context": 0.92, "structure": 0.84, "constraints": 0.6, "creativity": 0.67, "actionability": 0.79}',
   '{"objective": "Map the competitive landscape and identify where the organization can win.",
     "inputs": ["Company and offering summary", "Known competitors", "Target segments"],
     "outputs": ["Competitor profiles", "Positioning map", "Differentiation opportunities", "Watch list of emerging threats"],
     "template": "You are a market intelligence analyst supporting a {{domain}} organization.\n\nObjective: Map the competitive landscape and identify where the organization can win.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Company and offering summary: {{company_and_offering_summary}}\n- Known competitors: {{known_competitors}}\n- Target segments: {{target_segments}}\n\nDeliver:\n1. Competitor profiles\n2. Positioning map\n3. Differentiation opportunities\n4. Watch list of emerging threats\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Competitors profiled", "target": 8, "unit": "count"}, {"name": "Actionable differentiation insights", "target": 5, "unit": "count"}]'),
  ('M03', 'SWOT and Scenario Planner', 'Strategy',
   '{"clarity": 0.9, "specificity": 0.66, "context": 0.88, "structure": 0.8, "constraints": 0.67, "creativity": 0.74, "actionability": 0.75}',
   '{"objective": "Build a SWOT analysis and three plausible future scenarios with early-warning indicators.",
     "inputs": ["Organization profile", "Market trends", "Key uncertainties"],
     "outputs": ["SWOT matrix", "Three scenarios with narratives", "Early-warning indicators", "No-regret moves"],
     "template": "You are a strategic planning facilitator supporting a {{domain}} organization.\n\nObjective: Build a SWOT analysis and three plausible future scenarios with early-warning indicators.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Organization profile: {{organization_profile}}\n- Market trends: {{market_trends}}\n- Key uncertainties: {{key_uncertainties}}\n\nDeliver:\n1. SWOT matrix\n2. Three scenarios with narratives\n3. Early-warning indicators\n4. No-regret moves\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Scenarios with leading indicators", "target": 3, "unit": "count"}, {"name": "Leadership alignment score", "target": 80, "unit": "%"}]'),
  ('M04', 'OKR Designer', 'Strategy',
   '{"clarity": 0.86, "specificity": 0.73, "context": 0.95, "structure": 0.76, "constraints": 0.63, "creativity": 0.7, "actionability": 0.82}',
   '{"objective": "Draft measurable objectives and key results aligned to company strategy.",
     "inputs": ["Company strategy", "Team mandate", "Baseline metrics", "Planning period"],
     "outputs": ["Three to five objectives", "Measurable key results with baselines and targets", "Alignment map to company goals"],
     "template": "You are an OKR coach supporting a {{domain}} organization.\n\nObjective: Draft measurable objectives and key results aligned to company strategy.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Company strategy: {{company_strategy}}\n- Team mandate: {{team_mandate}}\n- Baseline metrics: {{baseline_metrics}}\n- Planning period: {{planning_period}}\n\nDeliver:\n1. Three to five objectives\n2. Measurable key results with baselines and targets\n3. Alignment map to company goals\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Key results with baseline and target", "target": 100, "unit": "%"}, {"name": "OKR attainment", "target": 70, "unit": "%"}]'),
  ('M05', 'Market Entry Assessment', 'Strategy',
   '{"clarity": 0.82, "specificity": 0.69, "context": 0.91, "structure": 0.83, "constraints": 0.7, "creativity": 0.75, "actionability": 0.78}',
   '{"objective": "Assess the attractiveness of entering a new market and recommend an entry mode.",
     "inputs": ["Target market", "Company capabilities", "Investment envelope"],
     "outputs": ["Market attractiveness score", "Entry mode options compared", "Go/no-go recommendation", "90-day validation plan"],
     "template": "You are a corporate development advisor supporting a {{domain}} organization.\n\nObjective: Assess the attractiveness of entering a new market and recommend an entry mode.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Target market: {{target_market}}\n- Company capabilities: {{company_capabilities}}\n- Investment envelope: {{investment_envelope}}\n\nDeliver:\n1. Market attractiveness score\n2. Entry mode options compared\n3. Go/no-go recommendation\n4. 90-day validation plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Decision lead time", "target": 30, "unit": "days"}, {"name": "Assumptions validated before launch", "target": 80, "unit": "%"}]'),
  ('M06', 'Campaign Brief Generator', 'Marketing',
   '{"clarity": 0.89, "specificity": 0.65, "context": 0.72, "structure": 0.69, "constraints": 0.56, "creativity": 0.93, "actionability": 0.8}',
   '{"objective": "Write a complete, channel-ready campaign brief from a business goal.",
     "inputs": ["Campaign goal", "Target audience", "Budget", "Channels"],
     "outputs": ["Campaign brief", "Key messages per channel", "Timeline", "Measurement plan"],
     "template": "You are a campaign strategist supporting a {{domain}} organization.\n\nObjective: Write a complete, channel-ready campaign brief from a business goal.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Campaign goal: {{campaign_goal}}\n- Target audience: {{target_audience}}\n- Budget: {{budget}}\n- Channels: {{channels}}\n\nDeliver:\n1. Campaign brief\n2. Key messages per channel\n3. Timeline\n4. Measurement plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Campaign ROI", "target": 300, "unit": "%"}, {"name": "Brief approval cycles", "target": 1, "unit": "count"}]'),
  ('M07', 'Brand Messaging Framework', 'Marketing',
   '{"clarity": 0.85, "specificity": 0.72, "context": 0.79, "structure": 0.65, "constraints": 0.52, "creativity": 0.89, "actionability": 0.76}',
   '{"objective": "Define a consistent brand message hierarchy for all audiences.",
     "inputs": ["Brand values", "Audience segments", "Proof points"],
     "outputs": ["Positioning statement", "Message house", "Tone-of-voice guidelines", "Audience-specific messages"],
     "template": "You are a brand strategist supporting a {{domain}} organization.\n\nObjective: Define a consistent brand message hierarchy for all audiences.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Brand values: {{brand_values}}\n- Audience segments: {{audience_segments}}\n- Proof points: {{proof_points}}\n\nDeliver:\n1. Positioning statement\n2. Message house\n3. Tone-of-voice guidelines\n4. Audience-specific messages\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Message consistency across channels", "target": 90, "unit": "%"}, {"name": "Aided brand recall", "target": 40, "unit": "%"}]'),
  ('M08', 'SEO Content Planner', 'Marketing',
   '{"clarity": 0.81, "specificity": 0.85, "context": 0.75, "structure": 0.72, "constraints": 0.59, "creativity": 0.7, "actionability": 0.72}',
   '{"objective": "Plan a search-driven content calendar around high-intent topics.",
     "inputs": ["Core topics", "Target keywords", "Existing content inventory"],
     "outputs": ["Topic clusters", "Content calendar", "On-page optimization checklist"],
     "template": "You are an SEO content strategist supporting a {{domain}} organization.\n\nObjective: Plan a search-driven content calendar around high-intent topics.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Core topics: {{core_topics}}\n- Target keywords: {{target_keywords}}\n- Existing content inventory: {{existing_content_inventory}}\n\nDeliver:\n1. Topic clusters\n2. Content calendar\n3. On-page optimization checklist\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Organic traffic growth", "target": 25, "unit": "%"}, {"name": "Pages ranking in top 10", "target": 30, "unit": "count"}]'),
  ('M09', 'Customer Persona Builder', 'Marketing',
   '{"clarity": 0.88, "specificity": 0.75, "context": 0.71, "structure": 0.68, "constraints": 0.55, "creativity": 0.92, "actionability": 0.79}',
   '{"objective": "Build evidence-based buyer personas with goals, pains and buying triggers.",
     "inputs": ["Customer research notes", "CRM segment data", "Product overview"],
     "outputs": ["Three to five personas", "Jobs-to-be-done per persona", "Buying triggers and objections"],
     "template": "You are a customer insights researcher supporting a {{domain}} organization.\n\nObjective: Build evidence-based buyer personas with goals, pains and buying triggers.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Customer research notes: {{customer_research_notes}}\n- CRM segment data: {{crm_segment_data}}\n- Product overview: {{product_overview}}\n\nDeliver:\n1. Three to five personas\n2. Jobs-to-be-done per persona\n3. Buying triggers and objections\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Personas backed by interview evidence", "target": 100, "unit": "%"}, {"name": "Segment conversion lift", "target": 15, "unit": "%"}]'),
  ('M10', 'Product Launch Plan', 'Marketing',
   '{"clarity": 0.84, "specificity": 0.71, "context": 0.78, "structure": 0.75, "constraints": 0.51, "creativity": 0.88, "actionability": 0.75}',
   '{"objective": "Plan a coordinated product launch across marketing, sales and support.",
     "inputs": ["Product and release date", "Target segments", "Launch budget", "Stakeholders"],
     "outputs": ["Launch timeline", "Channel plan", "Enablement checklist", "Launch KPIs"],
     "template": "You are a go-to-market lead supporting a {{domain}} organization.\n\nObjective: Plan a coordinated product launch across marketing, sales and support.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Product and release date: {{product_and_release_date}}\n- Target segments: {{target_segments}}\n- Launch budget: {{launch_budget}}\n- Stakeholders: {{stakeholders}}\n\nDeliver:\n1. Launch timeline\n2. Channel plan\n3. Enablement checklist\n4. Launch KPIs\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Launch milestones on time", "target": 95, "unit": "%"}, {"name": "Pipeline generated in first 30 days", "target": 250000, "unit": "USD"}]'),
  ('M11', 'Sales Outreach Sequence', 'Sales',
   '{"clarity": 0.8, "specificity": 0.77, "context": 0.74, "structure": 0.76, "constraints": 0.63, "creativity": 0.7, "actionability": 0.86}',
   '{"objective": "Write a personalized multi-touch outbound sequence for a target account.",
     "inputs": ["Target persona", "Value proposition", "Account research", "Sequence length"],
     "outputs": ["Email and call sequence", "Personalization hooks", "Follow-up cadence"],
     "template": "You are a sales development expert supporting a {{domain}} organization.\n\nObjective: Write a personalized multi-touch outbound sequence for a target account.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Target persona: {{target_persona}}\n- Value proposition: {{value_proposition}}\n- Account research: {{account_research}}\n- Sequence length: {{sequence_length}}\n\nDeliver:\n1. Email and call sequence\n2. Personalization hooks\n3. Follow-up cadence\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Reply rate", "target": 12, "unit": "%"}, {"name": "Meetings booked per 100 contacts", "target": 4, "unit": "count"}]'),
  ('M12', 'Discovery Call Guide', 'Sales',
   '{"clarity": 0.87, "specificity": 0.84, "context": 0.7, "structure": 0.72, "constraints": 0.59, "creativity": 0.66, "actionability": 0.93}',
   '{"objective": "Prepare a structured discovery call guide that qualifies the opportunity.",
     "inputs": ["Prospect profile", "Qualification framework", "Known pains"],
     "outputs": ["Call agenda", "Discovery questions", "Qualification scorecard", "Next-step proposals"],
     "template": "You are a solution sales coach supporting a {{domain}} organization.\n\nObjective: Prepare a structured discovery call guide that qualifies the opportunity.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Prospect profile: {{prospect_profile}}\n- Qualification framework: {{qualification_framework}}\n- Known pains: {{known_pains}}\n\nDeliver:\n1. Call agenda\n2. Discovery questions\n3. Qualification scorecard\n4. Next-step proposals\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Opportunities fully qualified", "target": 80, "unit": "%"}, {"name": "Discovery-to-proposal conversion", "target": 45, "unit": "%"}]'),
  ('M13', 'Objection Handling Playbook', 'Sales',
   '{"clarity": 0.83, "specificity": 0.8, "context": 0.77, "structure": 0.79, "constraints": 0.55, "creativity": 0.62, "actionability": 0.89}',
   '{"objective": "Create responses to the most common objections with proof points.",
     "inputs": ["Common objections", "Product differentiators", "Customer proof points"],
     "outputs": ["Objection-response pairs", "Supporting evidence", "Escalation guidance"],
     "template": "You are a sales enablement manager supporting a {{domain}} organization.\n\nObjective: Create responses to the most common objections with proof points.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Common objections: {{common_objections}}\n- Product differentiators: {{product_differentiators}}\n- Customer proof points: {{customer_proof_points}}\n\nDeliver:\n1. Objection-response pairs\n2. Supporting evidence\n3. Escalation guidance\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Win rate on contested deals", "target": 35, "unit": "%"}, {"name": "Ramp time for new reps", "target": 60, "unit": "days"}]'),
  ('M14', 'Proposal and RFP Response', 'Sales',
   '{"clarity": 0.9, "specificity": 0.76, "context": 0.73, "structure": 0.9, "constraints": 0.85, "creativity": 0.69, "actionability": 0.85}',
   '{"objective": "Draft a compliant, persuasive proposal or RFP response.",
     "inputs": ["RFP requirements", "Solution description", "Pricing summary", "Case studies"],
     "outputs": ["Executive summary", "Requirement compliance matrix", "Solution narrative", "Commercial section"],
     "template": "You are a bid manager supporting a {{domain}} organization.\n\nObjective: Draft a compliant, persuasive proposal or RFP response.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- RFP requirements: {{rfp_requirements}}\n- Solution description: {{solution_description}}\n- Pricing summary: {{pricing_summary}}\n- Case studies: {{case_studies}}\n\nDeliver:\n1. Executive summary\n2. Requirement compliance matrix\n3. Solution narrative\n4. Commercial section\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Requirements answered", "target": 100, "unit": "%"}, {"name": "Proposal win rate", "target": 30, "unit": "%"}, {"name": "Drafting time", "target": 8, "unit": "hours"}]'),
  ('M15', 'Strategic Account Plan', 'Sales',
   '{"clarity": 0.86, "specificity": 0.83, "context": 0.8, "structure": 0.71, "constraints": 0.58, "creativity": 0.65, "actionability": 0.92}',
   '{"objective": "Build an account plan that grows revenue in a strategic customer.",
     "inputs": ["Account history", "Stakeholder map", "Whitespace analysis"],
     "outputs": ["Account goals", "Relationship plan", "Expansion opportunities", "Quarterly action plan"],
     "template": "You are a key account director supporting a {{domain}} organization.\n\nObjective: Build an account plan that grows revenue in a strategic customer.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Account history: {{account_history}}\n- Stakeholder map: {{stakeholder_map}}\n- Whitespace analysis: {{whitespace_analysis}}\n\nDeliver:\n1. Account goals\n2. Relationship plan\n3. Expansion opportunities\n4. Quarterly action plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Net revenue retention", "target": 115, "unit": "%"}, {"name": "Executive sponsors engaged", "target": 3, "unit": "count"}]'),
  ('M16', 'Standard Operating Procedure Writer', 'Operations',
   '{"clarity": 0.87, "specificity": 0.89, "context": 0.76, "structure": 0.93, "constraints": 0.85, "creativity": 0.31, "actionability": 0.88}',
   '{"objective": "Write a clear, auditable standard operating procedure for a recurring process.",
     "inputs": ["Process description", "Roles involved", "Systems and tools", "Regulatory requirements"],
     "outputs": ["Step-by-step SOP", "RACI matrix", "Controls and checkpoints", "Revision history block"],
     "template": "You are an operations excellence lead supporting a {{domain}} organization.\n\nObjective: Write a clear, auditable standard operating procedure for a recurring process.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Process description: {{process_description}}\n- Roles involved: {{roles_involved}}\n- Systems and tools: {{systems_and_tools}}\n- Regulatory requirements: {{regulatory_requirements}}\n\nDeliver:\n1. Step-by-step SOP\n2. RACI matrix\n3. Controls and checkpoints\n4. Revision history block\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Process deviations", "target": 2, "unit": "%"}, {"name": "SOP review cycle", "target": 12, "unit": "months"}]'),
  ('M17', 'Lean Process Improvement Analysis', 'Operations',
   '{"clarity": 0.94, "specificity": 0.85, "context": 0.72, "structure": 0.89, "constraints": 0.81, "creativity": 0.38, "actionability": 0.95}',
   '{"objective": "Find waste and bottlenecks in a process and propose improvements.",
     "inputs": ["Current process map", "Cycle time data", "Pain points"],
     "outputs": ["Value stream analysis", "Root causes", "Prioritized improvements", "Expected savings"],
     "template": "You are a Lean Six Sigma black belt supporting a {{domain}} organization.\n\nObjective: Find waste and bottlenecks in a process and propose improvements.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Current process map: {{current_process_map}}\n- Cycle time data: {{cycle_time_data}}\n- Pain points: {{pain_points}}\n\nDeliver:\n1. Value stream analysis\n2. Root causes\n3. Prioritized improvements\n4. Expected savings\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Cycle time reduction", "target": 20, "unit": "%"}, {"name": "Cost savings", "target": 100000, "unit": "USD"}]'),
  ('M18', 'Supply Chain Risk Review', 'Operations',
   '{"clarity": 0.9, "specificity": 0.92, "context": 0.79, "structure": 0.85, "constraints": 0.77, "creativity": 0.34, "actionability": 0.91}',
   '{"objective": "Assess supplier and logistics risks and define mitigations.",
     "inputs": ["Supplier list", "Spend and volume data", "Geographic footprint"],
     "outputs": ["Risk heat map", "Single points of failure", "Mitigation plan", "Monitoring indicators"],
     "template": "You are a supply chain risk manager supporting a {{domain}} organization.\n\nObjective: Assess supplier and logistics risks and define mitigations.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Supplier list: {{supplier_list}}\n- Spend and volume data: {{spend_and_volume_data}}\n- Geographic footprint: {{geographic_footprint}}\n\nDeliver:\n1. Risk heat map\n2. Single points of failure\n3. Mitigation plan\n4. Monitoring indicators\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Critical suppliers with a backup", "target": 90, "unit": "%"}, {"name": "Supply disruption days", "target": 5, "unit": "days"}]'),
  ('M19', 'Vendor Evaluation Scorecard', 'Operations',
   '{"clarity": 0.86, "specificity": 0.88, "context": 0.75, "structure": 0.92, "constraints": 0.84, "creativity": 0.3, "actionability": 0.87}',
   '{"objective": "Compare vendors objectively with a weighted scorecard.",
     "inputs": ["Requirements", "Vendor proposals", "Evaluation weights"],
     "outputs": ["Weighted scorecard", "Strengths and gaps per vendor", "Recommendation with rationale"],
     "template": "You are a procurement specialist supporting a {{domain}} organization.\n\nObjective: Compare vendors objectively with a weighted scorecard.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Requirements: {{requirements}}\n- Vendor proposals: {{vendor_proposals}}\n- Evaluation weights: {{evaluation_weights}}\n\nDeliver:\n1. Weighted scorecard\n2. Strengths and gaps per vendor\n3. Recommendation with rationale\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Evaluation cycle time", "target": 15, "unit": "days"}, {"name": "Scoring criteria with evidence", "target": 100, "unit": "%"}]'),
  ('M20', 'Incident Postmortem', 'Operations',
   '{"clarity": 0.93, "specificity": 0.95, "context": 0.71, "structure": 0.88, "constraints": 0.8, "creativity": 0.25, "actionability": 0.94}',
   '{"objective": "Write a blameless postmortem that prevents the incident from recurring.",
     "inputs": ["Incident timeline", "Impact data", "Contributing factors"],
     "outputs": ["Summary and impact", "Root cause analysis", "Corrective actions with owners", "Lessons learned"],
     "template": "You are a site reliability engineer supporting a {{domain}} organization.\n\nObjective: Write a blameless postmortem that prevents the incident from recurring.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Incident timeline: {{incident_timeline}}\n- Impact data: {{impact_data}}\n- Contributing factors: {{contributing_factors}}\n\nDeliver:\n1. Summary and impact\n2. Root cause analysis\n3. Corrective actions with owners\n4. Lessons learned\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Corrective actions closed on time", "target": 90, "unit": "%"}, {"name": "Repeat incidents", "target": 0, "unit": "count"}]'),
  ('M21', 'Budget Variance Analysis', 'Finance',
   '{"clarity": 0.89, "specificity": 0.91, "context": 0.83, "structure": 0.9, "constraints": 0.81, "creativity": 0.28, "actionability": 0.8}',
   '{"objective": "Explain budget-versus-actual variances and recommend corrective actions.",
     "inputs": ["Budget", "Actuals", "Reporting period", "Business events"],
     "outputs": ["Variance table", "Driver explanations", "Forecast impact", "Recommended actions"],
     "template": "You are an FP&A manager supporting a {{domain}} organization.\n\nObjective: Explain budget-versus-actual variances and recommend corrective actions.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Budget: {{budget}}\n- Actuals: {{actuals}}\n- Reporting period: {{reporting_period}}\n- Business events: {{business_events}}\n\nDeliver:\n1. Variance table\n2. Driver explanations\n3. Forecast impact\n4. Recommended actions\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Variance explained", "target": 95, "unit": "%"}, {"name": "Close-to-report time", "target": 3, "unit": "days"}]'),
  ('M22', 'Cash Flow Forecast Narrative', 'Finance',
   '{"clarity": 0.85, "specificity": 0.87, "context": 0.79, "structure": 0.86, "constraints": 0.88, "creativity": 0.35, "actionability": 0.76}',
   '{"objective": "Produce a 13-week cash flow forecast commentary with risks and levers.",
     "inputs": ["Cash position", "Receivables and payables", "Planned investments"],
     "outputs": ["Weekly forecast commentary", "Liquidity risks", "Working capital levers"],
     "template": "You are a treasury analyst supporting a {{domain}} organization.\n\nObjective: Produce a 13-week cash flow forecast commentary with risks and levers.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Cash position: {{cash_position}}\n- Receivables and payables: {{receivables_and_payables}}\n- Planned investments: {{planned_investments}}\n\nDeliver:\n1. Weekly forecast commentary\n2. Liquidity risks\n3. Working capital levers\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Forecast accuracy", "target": 95, "unit": "%"}, {"name": "Days of cash on hand", "target": 90, "unit": "days"}]'),
  ('M23', 'Business Case and ROI Model', 'Finance',
   '{"clarity": 0.92, "specificity": 0.94, "context": 0.75, "structure": 0.82, "constraints": 0.84, "creativity": 0.31, "actionability": 0.83}',
   '{"objective": "Build a business case with costs, benefits, ROI and sensitivity analysis.",
     "inputs": ["Investment proposal", "Cost estimates", "Benefit assumptions", "Discount rate"],
     "outputs": ["Business case narrative", "ROI, NPV and payback", "Sensitivity analysis", "Decision recommendation"],
     "template": "You are a corporate finance advisor supporting a {{domain}} organization.\n\nObjective: Build a business case with costs, benefits, ROI and sensitivity analysis.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Investment proposal: {{investment_proposal}}\n- Cost estimates: {{cost_estimates}}\n- Benefit assumptions: {{benefit_assumptions}}\n- Discount rate: {{discount_rate}}\n\nDeliver:\n1. Business case narrative\n2. ROI, NPV and payback\n3. Sensitivity analysis\n4. Decision recommendation\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Payback period", "target": 18, "unit": "months"}, {"name": "Return on investment", "target": 150, "unit": "%"}]'),
  ('M24', 'Pricing Strategy Review', 'Finance',
   '{"clarity": 0.88, "specificity": 0.9, "context": 0.82, "structure": 0.89, "constraints": 0.8, "creativity": 0.55, "actionability": 0.79}',
   '{"objective": "Review pricing and packaging and recommend changes that protect margin.",
     "inputs": ["Current price book", "Cost structure", "Competitor pricing", "Win/loss data"],
     "outputs": ["Pricing diagnosis", "Packaging options", "Margin impact", "Rollout plan"],
     "template": "You are a pricing strategist supporting a {{domain}} organization.\n\nObjective: Review pricing and packaging and recommend changes that protect margin.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Current price book: {{current_price_book}}\n- Cost structure: {{cost_structure}}\n- Competitor pricing: {{competitor_pricing}}\n- Win/loss data: {{win_loss_data}}\n\nDeliver:\n1. Pricing diagnosis\n2. Packaging options\n3. Margin impact\n4. Rollout plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Gross margin improvement", "target": 3, "unit": "percentage points"}, {"name": "Discounting rate", "target": 10, "unit": "%"}]'),
  ('M25', 'Board Financial Summary', 'Finance',
   '{"clarity": 0.95, "specificity": 0.86, "context": 0.78, "structure": 0.85, "constraints": 0.87, "creativity": 0.34, "actionability": 0.75}',
   '{"objective": "Summarize financial performance for the board in plain language.",
     "inputs": ["Financial statements", "KPIs", "Period highlights"],
     "outputs": ["One-page executive summary", "KPI commentary", "Risks and outlook", "Decisions requested"],
     "template": "You are a chief financial officer supporting a {{domain}} organization.\n\nObjective: Summarize financial performance for the board in plain language.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Financial statements: {{financial_statements}}\n- KPIs: {{kpis}}\n- Period highlights: {{period_highlights}}\n\nDeliver:\n1. One-page executive summary\n2. KPI commentary\n3. Risks and outlook\n4. Decisions requested\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Board pack preparation time", "target": 4, "unit": "hours"}, {"name": "Follow-up questions from the board", "target": 3, "unit": "count"}]'),
  ('M26', 'Job Description Writer', 'HR',
   '{"clarity": 0.91, "specificity": 0.78, "context": 0.8, "structure": 0.76, "constraints": 0.78, "creativity": 0.5, "actionability": 0.82}',
   '{"objective": "Write an inclusive, accurate job description that attracts qualified candidates.",
     "inputs": ["Role title and level", "Responsibilities", "Required skills", "Compensation range"],
     "outputs": ["Job description", "Must-have versus nice-to-have skills", "Inclusive language check"],
     "template": "You are a talent acquisition partner supporting a {{domain}} organization.\n\nObjective: Write an inclusive, accurate job description that attracts qualified candidates.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Role title and level: {{role_title_and_level}}\n- Responsibilities: {{responsibilities}}\n- Required skills: {{required_skills}}\n- Compensation range: {{compensation_range}}\n\nDeliver:\n1. Job description\n2. Must-have versus nice-to-have skills\n3. Inclusive language check\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Qualified applicants per opening", "target": 25, "unit": "count"}, {"name": "Time to fill", "target": 35, "unit": "days"}]'),
  ('M27', 'Structured Interview Kit', 'HR',
   '{"clarity": 0.87, "specificity": 0.74, "context": 0.76, "structure": 0.83, "constraints": 0.85, "creativity": 0.46, "actionability": 0.78}',
   '{"objective": "Create a structured interview kit with competency-based questions and scoring rubrics.",
     "inputs": ["Role competencies", "Interview stages", "Interviewer panel"],
     "outputs": ["Question bank per competency", "Scoring rubric", "Interviewer guide"],
     "template": "You are an assessment design specialist supporting a {{domain}} organization.\n\nObjective: Create a structured interview kit with competency-based questions and scoring rubrics.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Role competencies: {{role_competencies}}\n- Interview stages: {{interview_stages}}\n- Interviewer panel: {{interviewer_panel}}\n\nDeliver:\n1. Question bank per competency\n2. Scoring rubric\n3. Interviewer guide\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Interviews scored with the rubric", "target": 100, "unit": "%"}, {"name": "Offer acceptance rate", "target": 85, "unit": "%"}]'),
  ('M28', 'Employee Onboarding Plan', 'HR',
   '{"clarity": 0.94, "specificity": 0.7, "context": 0.72, "structure": 0.79, "constraints": 0.81, "creativity": 0.53, "actionability": 0.85}',
   '{"objective": "Design a 30-60-90 day onboarding plan for a new hire.",
     "inputs": ["Role and team", "Start date", "Tools and access", "First-quarter goals"],
     "outputs": ["30-60-90 day plan", "Week-one checklist", "Buddy and mentor plan"],
     "template": "You are a people operations manager supporting a {{domain}} organization.\n\nObjective: Design a 30-60-90 day onboarding plan for a new hire.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Role and team: {{role_and_team}}\n- Start date: {{start_date}}\n- Tools and access: {{tools_and_access}}\n- First-quarter goals: {{first_quarter_goals}}\n\nDeliver:\n1. 30-60-90 day plan\n2. Week-one checklist\n3. Buddy and mentor plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Time to productivity", "target": 60, "unit": "days"}, {"name": "90-day retention", "target": 95, "unit": "%"}]'),
  ('M29', 'Performance Review Assistant', 'HR',
   '{"clarity": 0.9, "specificity": 0.77, "context": 0.79, "structure": 0.75, "constraints": 0.77, "creativity": 0.49, "actionability": 0.81}',
   '{"objective": "Draft fair, evidence-based performance review feedback and development goals.",
     "inputs": ["Goals and results", "Peer feedback", "Competency framework"],
     "outputs": ["Review summary", "Strengths and growth areas", "Development goals"],
     "template": "You are an HR business partner supporting a {{domain}} organization.\n\nObjective: Draft fair, evidence-based performance review feedback and development goals.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Goals and results: {{goals_and_results}}\n- Peer feedback: {{peer_feedback}}\n- Competency framework: {{competency_framework}}\n\nDeliver:\n1. Review summary\n2. Strengths and growth areas\n3. Development goals\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Reviews completed on time", "target": 95, "unit": "%"}, {"name": "Employees with a development plan", "target": 100, "unit": "%"}]'),
  ('M30', 'Change Management Communication', 'HR',
   '{"clarity": 0.86, "specificity": 0.73, "context": 0.9, "structure": 0.82, "constraints": 0.84, "creativity": 0.6, "actionability": 0.77}',
   '{"objective": "Plan communications that carry employees through an organizational change.",
     "inputs": ["Change description", "Impacted groups", "Timeline", "Key concerns"],
     "outputs": ["Stakeholder impact analysis", "Communication plan", "FAQ", "Manager talking points"],
     "template": "You are a change management lead supporting a {{domain}} organization.\n\nObjective: Plan communications that carry employees through an organizational change.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Change description: {{change_description}}\n- Impacted groups: {{impacted_groups}}\n- Timeline: {{timeline}}\n- Key concerns: {{key_concerns}}\n\nDeliver:\n1. Stakeholder impact analysis\n2. Communication plan\n3. FAQ\n4. Manager talking points\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Employee understanding of the change", "target": 85, "unit": "%"}, {"name": "Adoption rate at 90 days", "target": 80, "unit": "%"}]'),
  ('M31', 'Product Requirements Document', 'Product',
   '{"clarity": 0.88, "specificity": 0.9, "context": 0.76, "structure": 0.83, "constraints": 0.7, "creativity": 0.67, "actionability": 0.89}',
   '{"objective": "Write a product requirements document that engineering can build from.",
     "inputs": ["Problem statement", "Target users", "Success metrics", "Constraints"],
     "outputs": ["PRD with scope and non-goals", "Functional requirements", "Open questions", "Release criteria"],
     "template": "You are a senior product manager supporting a {{domain}} organization.\n\nObjective: Write a product requirements document that engineering can build from.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Problem statement: {{problem_statement}}\n- Target users: {{target_users}}\n- Success metrics: {{success_metrics}}\n- Constraints: {{constraints}}\n\nDeliver:\n1. PRD with scope and non-goals\n2. Functional requirements\n3. Open questions\n4. Release criteria\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Requirements with acceptance criteria", "target": 100, "unit": "%"}, {"name": "Scope changes after kickoff", "target": 2, "unit": "count"}]'),
  ('M32', 'User Story and Acceptance Criteria', 'Product',
   '{"clarity": 0.84, "specificity": 0.86, "context": 0.83, "structure": 0.9, "constraints": 0.66, "creativity": 0.63, "actionability": 0.85}',
   '{"objective": "Break a feature into user stories with testable acceptance criteria.",
     "inputs": ["Feature description", "Personas", "Definition of done"],
     "outputs": ["User stories", "Given-when-then acceptance criteria", "Story map"],
     "template": "You are an agile product owner supporting a {{domain}} organization.\n\nObjective: Break a feature into user stories with testable acceptance criteria.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Feature description: {{feature_description}}\n- Personas: {{personas}}\n- Definition of done: {{definition_of_done}}\n\nDeliver:\n1. User stories\n2. Given-when-then acceptance criteria\n3. Story map\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Stories meeting INVEST", "target": 90, "unit": "%"}, {"name": "Sprint carry-over", "target": 10, "unit": "%"}]'),
  ('M33', 'Feature Prioritization (RICE)', 'Product',
   '{"clarity": 0.8, "specificity": 0.82, "context": 0.79, "structure": 0.86, "constraints": 0.73, "creativity": 0.7, "actionability": 0.81}',
   '{"objective": "Prioritize a backlog with the RICE framework and explain the trade-offs.",
     "inputs": ["Candidate features", "Reach and impact estimates", "Effort estimates"],
     "outputs": ["RICE scoring table", "Ranked backlog", "Trade-off rationale"],
     "template": "You are a product operations analyst supporting a {{domain}} organization.\n\nObjective: Prioritize a backlog with the RICE framework and explain the trade-offs.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Candidate features: {{candidate_features}}\n- Reach and impact estimates: {{reach_and_impact_estimates}}\n- Effort estimates: {{effort_estimates}}\n\nDeliver:\n1. RICE scoring table\n2. Ranked backlog\n3. Trade-off rationale\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Roadmap items with a RICE score", "target": 100, "unit": "%"}, {"name": "Stakeholder agreement", "target": 80, "unit": "%"}]'),
  ('M34', 'Product Roadmap Narrative', 'Product',
   '{"clarity": 0.87, "specificity": 0.89, "context": 0.75, "structure": 0.82, "constraints": 0.69, "creativity": 0.66, "actionability": 0.88}',
   '{"objective": "Explain the product roadmap as a story that stakeholders can rally behind.",
     "inputs": ["Product vision", "Roadmap themes", "Customer evidence"],
     "outputs": ["Roadmap narrative", "Now-next-later view", "Investment rationale"],
     "template": "You are a head of product supporting a {{domain}} organization.\n\nObjective: Explain the product roadmap as a story that stakeholders can rally behind.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Product vision: {{product_vision}}\n- Roadmap themes: {{roadmap_themes}}\n- Customer evidence: {{customer_evidence}}\n\nDeliver:\n1. Roadmap narrative\n2. Now-next-later view\n3. Investment rationale\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Roadmap confidence score", "target": 75, "unit": "%"}, {"name": "Theme-to-goal alignment", "target": 100, "unit": "%"}]'),
  ('M35', 'Customer Feedback Synthesis', 'Product',
   '{"clarity": 0.83, "specificity": 0.85, "context": 0.82, "structure": 0.89, "constraints": 0.65, "creativity": 0.62, "actionability": 0.84}',
   '{"objective": "Synthesize raw customer feedback into themes, insights and opportunities.",
     "inputs": ["Feedback sources", "Time period", "Product areas"],
     "outputs": ["Themes with frequency", "Representative quotes", "Opportunity areas", "Recommended next steps"],
     "template": "You are a user research lead supporting a {{domain}} organization.\n\nObjective: Synthesize raw customer feedback into themes, insights and opportunities.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Feedback sources: {{feedback_sources}}\n- Time period: {{time_period}}\n- Product areas: {{product_areas}}\n\nDeliver:\n1. Themes with frequency\n2. Representative quotes\n3. Opportunity areas\n4. Recommended next steps\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Feedback items classified", "target": 95, "unit": "%"}, {"name": "Insights acted on within a quarter", "target": 50, "unit": "%"}]'),
  ('M36', 'KPI Dashboard Specification', 'Data',
   '{"clarity": 0.95, "specificity": 0.91, "context": 0.68, "structure": 0.85, "constraints": 0.87, "creativity": 0.39, "actionability": 0.75}',
   '{"objective": "Specify a KPI dashboard with metric definitions, sources and visual layout.",
     "inputs": ["Business questions", "Audience", "Data sources"],
     "outputs": ["Metric dictionary", "Dashboard layout", "Refresh and ownership rules"],
     "template": "You are a BI architect supporting a {{domain}} organization.\n\nObjective: Specify a KPI dashboard with metric definitions, sources and visual layout.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Business questions: {{business_questions}}\n- Audience: {{audience}}\n- Data sources: {{data_sources}}\n\nDeliver:\n1. Metric dictionary\n2. Dashboard layout\n3. Refresh and ownership rules\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Metrics with a single definition", "target": 100, "unit": "%"}, {"name": "Weekly active dashboard users", "target": 50, "unit": "count"}]'),
  ('M37', 'Data Analysis Brief', 'Data',
   '{"clarity": 0.91, "specificity": 0.98, "context": 0.75, "structure": 0.81, "constraints": 0.83, "creativity": 0.35, "actionability": 0.82}',
   '{"objective": "Frame an analysis question, the method and the expected deliverable.",
     "inputs": ["Business question", "Available datasets", "Decision deadline"],
     "outputs": ["Analysis plan", "Hypotheses", "Method and assumptions", "Deliverable outline"],
     "template": "You are a senior data analyst supporting a {{domain}} organization.\n\nObjective: Frame an analysis question, the method and the expected deliverable.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Business question: {{business_question}}\n- Available datasets: {{available_datasets}}\n- Decision deadline: {{decision_deadline}}\n\nDeliver:\n1. Analysis plan\n2. Hypotheses\n3. Method and assumptions\n4. Deliverable outline\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Analyses delivered by deadline", "target": 90, "unit": "%"}, {"name": "Decisions informed by analysis", "target": 75, "unit": "%"}]'),
  ('M38', 'SQL Query Assistant', 'Data',
   '{"clarity": 0.87, "specificity": 1.0, "context": 0.71, "structure": 0.88, "constraints": 0.9, "creativity": 0.15, "actionability": 0.78}',
   '{"objective": "Write a correct, efficient SQL query from a business question and schema.",
     "inputs": ["Business question", "Table schemas", "SQL dialect"],
     "outputs": ["SQL query", "Explanation of the logic", "Performance notes", "Validation checks"],
     "template": "You are an analytics engineer supporting a {{domain}} organization.\n\nObjective: Write a correct, efficient SQL query from a business question and schema.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Business question: {{business_question}}\n- Table schemas: {{table_schemas}}\n- SQL dialect: {{sql_dialect}}\n\nDeliver:\n1. SQL query\n2. Explanation of the logic\n3. Performance notes\n4. Validation checks\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Queries correct on first run", "target": 90, "unit": "%"}, {"name": "Median query runtime", "target": 5, "unit": "seconds"}]'),
  ('M39', 'A/B Experiment Design', 'Data',
   '{"clarity": 0.94, "specificity": 0.9, "context": 0.67, "structure": 0.84, "constraints": 0.9, "creativity": 0.38, "actionability": 0.85}',
   '{"objective": "Design a statistically sound A/B experiment with clear success criteria.",
     "inputs": ["Hypothesis", "Primary metric", "Traffic estimates", "Minimum detectable effect"],
     "outputs": ["Experiment design", "Sample size and duration", "Guardrail metrics", "Analysis plan"],
     "template": "You are an experimentation scientist supporting a {{domain}} organization.\n\nObjective: Design a statistically sound A/B experiment with clear success criteria.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Hypothesis: {{hypothesis}}\n- Primary metric: {{primary_metric}}\n- Traffic estimates: {{traffic_estimates}}\n- Minimum detectable effect: {{minimum_detectable_effect}}\n\nDeliver:\n1. Experiment design\n2. Sample size and duration\n3. Guardrail metrics\n4. Analysis plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Experiments adequately powered", "target": 100, "unit": "%"}, {"name": "Statistical power", "target": 80, "unit": "%"}]'),
  ('M40', 'Data Quality Assessment', 'Data',
   '{"clarity": 0.9, "specificity": 0.97, "context": 0.74, "structure": 0.8, "constraints": 0.82, "creativity": 0.34, "actionability": 0.81}',
   '{"objective": "Assess data quality across completeness, accuracy, timeliness and consistency.",
     "inputs": ["Dataset description", "Quality rules", "Sample profiling results"],
     "outputs": ["Quality scorecard", "Issues by severity", "Remediation plan", "Monitoring rules"],
     "template": "You are a data governance lead supporting a {{domain}} organization.\n\nObjective: Assess data quality across completeness, accuracy, timeliness and consistency.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Dataset description: {{dataset_description}}\n- Quality rules: {{quality_rules}}\n- Sample profiling results: {{sample_profiling_results}}\n\nDeliver:\n1. Quality scorecard\n2. Issues by severity\n3. Remediation plan\n4. Monitoring rules\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Records passing quality rules", "target": 98, "unit": "%"}, {"name": "Time to detect a data incident", "target": 4, "unit": "hours"}]'),
  ('M41', 'Contract Clause Review', 'Legal & Compliance',
   '{"clarity": 0.86, "specificity": 0.88, "context": 0.85, "structure": 0.87, "constraints": 0.99, "creativity": 0.1, "actionability": 0.72}',
   '{"objective": "Review contract clauses against the company playbook and flag risky deviations.",
     "inputs": ["Contract text", "Negotiation playbook", "Risk tolerance"],
     "outputs": ["Clause-by-clause review", "Risk ratings", "Suggested redlines", "Escalation items"],
     "template": "You are a commercial contracts counsel supporting a {{domain}} organization.\n\nObjective: Review contract clauses against the company playbook and flag risky deviations.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Contract text: {{contract_text}}\n- Negotiation playbook: {{negotiation_playbook}}\n- Risk tolerance: {{risk_tolerance}}\n\nDeliver:\n1. Clause-by-clause review\n2. Risk ratings\n3. Suggested redlines\n4. Escalation items\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Contract review turnaround", "target": 2, "unit": "days"}, {"name": "High-risk clauses caught", "target": 100, "unit": "%"}]'),
  ('M42', 'Policy Drafting Assistant', 'Legal & Compliance',
   '{"clarity": 0.93, "specificity": 0.95, "context": 0.81, "structure": 0.83, "constraints": 0.95, "creativity": 0.22, "actionability": 0.79}',
   '{"objective": "Draft an internal policy that is clear, enforceable and aligned with regulation.",
     "inputs": ["Policy purpose", "Scope", "Applicable regulations", "Existing policies"],
     "outputs": ["Policy document", "Roles and responsibilities", "Exceptions process", "Attestation text"],
     "template": "You are a corporate policy officer supporting a {{domain}} organization.\n\nObjective: Draft an internal policy that is clear, enforceable and aligned with regulation.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Policy purpose: {{policy_purpose}}\n- Scope: {{scope}}\n- Applicable regulations: {{applicable_regulations}}\n- Existing policies: {{existing_policies}}\n\nDeliver:\n1. Policy document\n2. Roles and responsibilities\n3. Exceptions process\n4. Attestation text\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Policy attestation rate", "target": 98, "unit": "%"}, {"name": "Policy review cycle", "target": 12, "unit": "months"}]'),
  ('M43', 'Regulatory Compliance Checklist', 'Legal & Compliance',
   '{"clarity": 0.89, "specificity": 0.91, "context": 0.88, "structure": 0.9, "constraints": 0.91, "creativity": 0.18, "actionability": 0.75}',
   '{"objective": "Turn regulatory requirements into an actionable compliance checklist.",
     "inputs": ["Regulation or framework", "Business processes in scope", "Current controls"],
     "outputs": ["Requirement-to-control checklist", "Gap analysis", "Evidence list", "Remediation timeline"],
     "template": "You are a compliance manager supporting a {{domain}} organization.\n\nObjective: Turn regulatory requirements into an actionable compliance checklist.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Regulation or framework: {{regulation_or_framework}}\n- Business processes in scope: {{business_processes_in_scope}}\n- Current controls: {{current_controls}}\n\nDeliver:\n1. Requirement-to-control checklist\n2. Gap analysis\n3. Evidence list\n4. Remediation timeline\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Requirements mapped to a control", "target": 100, "unit": "%"}, {"name": "Open audit findings", "target": 0, "unit": "count"}]'),
  ('M44', 'Privacy Impact Assessment', 'Legal & Compliance',
   '{"clarity": 0.85, "specificity": 0.87, "context": 0.84, "structure": 0.86, "constraints": 0.98, "creativity": 0.25, "actionability": 0.71}',
   '{"objective": "Assess privacy risks of a new processing activity and define safeguards.",
     "inputs": ["Processing description", "Personal data categories", "Data flows", "Legal basis"],
     "outputs": ["Privacy risk assessment", "Necessity and proportionality review", "Safeguards", "Residual risk statement"],
     "template": "You are a data protection officer supporting a {{domain}} organization.\n\nObjective: Assess privacy risks of a new processing activity and define safeguards.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Processing description: {{processing_description}}\n- Personal data categories: {{personal_data_categories}}\n- Data flows: {{data_flows}}\n- Legal basis: {{legal_basis}}\n\nDeliver:\n1. Privacy risk assessment\n2. Necessity and proportionality review\n3. Safeguards\n4. Residual risk statement\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Assessments completed before launch", "target": 100, "unit": "%"}, {"name": "High residual risks", "target": 0, "unit": "count"}]'),
  ('M45', 'Enterprise Risk Register Builder', 'Legal & Compliance',
   '{"clarity": 0.92, "specificity": 0.94, "context": 0.8, "structure": 0.82, "constraints": 0.94, "creativity": 0.21, "actionability": 0.78}',
   '{"objective": "Build a risk register with likelihood, impact, owners and treatments.",
     "inputs": ["Business objectives", "Known risks", "Risk appetite statement"],
     "outputs": ["Risk register", "Heat map", "Treatment plans", "Key risk indicators"],
     "template": "You are a chief risk officer supporting a {{domain}} organization.\n\nObjective: Build a risk register with likelihood, impact, owners and treatments.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Business objectives: {{business_objectives}}\n- Known risks: {{known_risks}}\n- Risk appetite statement: {{risk_appetite_statement}}\n\nDeliver:\n1. Risk register\n2. Heat map\n3. Treatment plans\n4. Key risk indicators\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Risks with an owner and treatment", "target": 100, "unit": "%"}, {"name": "Key risk indicators within appetite", "target": 90, "unit": "%"}]'),
  ('M46', 'Customer Onboarding Playbook', 'Customer Success',
   '{"clarity": 0.83, "specificity": 0.75, "context": 0.82, "structure": 0.79, "constraints": 0.55, "creativity": 0.52, "actionability": 0.89}',
   '{"objective": "Design an onboarding playbook that gets new customers to first value fast.",
     "inputs": ["Product tier", "Customer segment", "Success criteria"],
     "outputs": ["Onboarding milestones", "Kickoff agenda", "Customer communications", "Risk triggers"],
     "template": "You are a customer onboarding manager supporting a {{domain}} organization.\n\nObjective: Design an onboarding playbook that gets new customers to first value fast.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Product tier: {{product_tier}}\n- Customer segment: {{customer_segment}}\n- Success criteria: {{success_criteria}}\n\nDeliver:\n1. Onboarding milestones\n2. Kickoff agenda\n3. Customer communications\n4. Risk triggers\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Time to first value", "target": 14, "unit": "days"}, {"name": "Onboarding completion", "target": 90, "unit": "%"}]'),
  ('M47', 'Quarterly Business Review Builder', 'Customer Success',
   '{"clarity": 0.9, "specificity": 0.71, "context": 0.78, "structure": 0.75, "constraints": 0.62, "creativity": 0.59, "actionability": 0.85}',
   '{"objective": "Prepare a quarterly business review that proves value and sets next-quarter goals.",
     "inputs": ["Usage data", "Goals from last QBR", "Support history", "Renewal date"],
     "outputs": ["QBR storyline", "Value delivered", "Recommendations", "Mutual action plan"],
     "template": "You are a customer success director supporting a {{domain}} organization.\n\nObjective: Prepare a quarterly business review that proves value and sets next-quarter goals.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Usage data: {{usage_data}}\n- Goals from last QBR: {{goals_from_last_qbr}}\n- Support history: {{support_history}}\n- Renewal date: {{renewal_date}}\n\nDeliver:\n1. QBR storyline\n2. Value delivered\n3. Recommendations\n4. Mutual action plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "QBRs held for strategic accounts", "target": 100, "unit": "%"}, {"name": "Expansion opportunities identified", "target": 2, "unit": "count"}]'),
  ('M48', 'Churn Risk Analysis', 'Customer Success',
   '{"clarity": 0.86, "specificity": 0.78, "context": 0.85, "structure": 0.71, "constraints": 0.58, "creativity": 0.55, "actionability": 0.92}',
   '{"objective": "Identify accounts at risk of churn and recommend save plays.",
     "inputs": ["Account health data", "Usage trends", "Support tickets", "Contract terms"],
     "outputs": ["At-risk account list", "Churn drivers", "Save plays per account", "Escalation plan"],
     "template": "You are a customer retention analyst supporting a {{domain}} organization.\n\nObjective: Identify accounts at risk of churn and recommend save plays.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Account health data: {{account_health_data}}\n- Usage trends: {{usage_trends}}\n- Support tickets: {{support_tickets}}\n- Contract terms: {{contract_terms}}\n\nDeliver:\n1. At-risk account list\n2. Churn drivers\n3. Save plays per account\n4. Escalation plan\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Gross revenue churn", "target": 5, "unit": "%"}, {"name": "At-risk accounts saved", "target": 60, "unit": "%"}]'),
  ('M49', 'Support Response Templates', 'Customer Success',
   '{"clarity": 0.95, "specificity": 0.74, "context": 0.81, "structure": 0.78, "constraints": 0.65, "creativity": 0.45, "actionability": 0.88}',
   '{"objective": "Write empathetic, accurate support response templates for frequent issues.",
     "inputs": ["Top ticket categories", "Product knowledge base", "Brand voice"],
     "outputs": ["Response templates", "Troubleshooting steps", "Escalation criteria"],
     "template": "You are a support operations lead supporting a {{domain}} organization.\n\nObjective: Write empathetic, accurate support response templates for frequent issues.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Top ticket categories: {{top_ticket_categories}}\n- Product knowledge base: {{product_knowledge_base}}\n- Brand voice: {{brand_voice}}\n\nDeliver:\n1. Response templates\n2. Troubleshooting steps\n3. Escalation criteria\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "First contact resolution", "target": 75, "unit": "%"}, {"name": "Customer satisfaction", "target": 90, "unit": "%"}]'),
  ('M50', 'Customer Health Score Design', 'Customer Success',
   '{"clarity": 0.89, "specificity": 0.7, "context": 0.77, "structure": 0.74, "constraints": 0.61, "creativity": 0.58, "actionability": 0.95}',
   '{"objective": "Design a customer health score that predicts renewal and expansion.",
     "inputs": ["Available signals", "Historical renewals", "Segment definitions"],
     "outputs": ["Health score model", "Signal weights", "Thresholds and playbooks", "Validation approach"],
     "template": "You are a customer success operations analyst supporting a {{domain}} organization.\n\nObjective: Design a customer health score that predicts renewal and expansion.\n\nContext:\n- Scale: {{scale}}\n- Urgency: {{urgency}}\n- Complexity: {{complexity}}\n- Resources: {{resources}}\n- Application focus: {{application}}\n- Industry terminology: {{domain_jargon}}\n- Compliance frameworks: {{compliance_frameworks}}\n\nInputs:\n- Available signals: {{available_signals}}\n- Historical renewals: {{historical_renewals}}\n- Segment definitions: {{segment_definitions}}\n\nDeliver:\n1. Health score model\n2. Signal weights\n3. Thresholds and playbooks\n4. Validation approach\n\nBe specific to the {{domain}} context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps."}',
   '[{"name": "Churn prediction accuracy", "target": 80, "unit": "%"}, {"name": "Accounts with a current score", "target": 100, "unit": "%"}]')
on conflict (id) do nothing;

-- version 1.0.0 of every module: published, current, same spec as the module
insert into public.module_versions (module_id, version, spec, status, is_current, changelog, published_at)
select m.id, '1.0.0', m.spec, 'published', true, 'Initial release of the PromptForge module catalog.', now()
  from public.modules m
 order by m.id
on conflict do nothing;

-- =============================================================================================
-- catalog: the CORE 25 industrial domains
-- (jargon = distinct terms; compliance = {frameworks, data_sensitivity: low|medium|high|critical})
-- =============================================================================================
insert into public.domains (code, name, jargon, compliance)
values
  ('MANUFACTURING', 'Manufacturing',
   '["OEE", "MES", "bill of materials", "takt time", "kaizen", "work in progress", "first pass yield"]',
   '{"frameworks": ["ISO 9001", "ISO 14001", "ISO 45001"], "data_sensitivity": "medium"}'),
  ('AUTOMOTIVE', 'Automotive',
   '["PPAP", "APQP", "tier 1 supplier", "just in sequence", "homologation", "FMEA"]',
   '{"frameworks": ["IATF 16949", "ISO 26262", "UNECE R155"], "data_sensitivity": "medium"}'),
  ('AEROSPACE', 'Aerospace and Defense',
   '["airworthiness", "MRO", "first article inspection", "configuration management", "AOG", "ITAR"]',
   '{"frameworks": ["AS9100", "DO-178C", "ITAR", "EASA Part 21"], "data_sensitivity": "high"}'),
  ('ENERGY', 'Energy and Power Generation',
   '["capacity factor", "PPA", "grid interconnection", "LCOE", "dispatch", "renewable portfolio standard"]',
   '{"frameworks": ["NERC CIP", "ISO 50001", "IEC 62443"], "data_sensitivity": "high"}'),
  ('UTILITIES', 'Utilities',
   '["rate case", "AMI", "outage management", "distribution network", "load forecasting", "non-revenue water"]',
   '{"frameworks": ["NERC CIP", "ISO 55001", "IEC 62443"], "data_sensitivity": "high"}'),
  ('OIL_GAS', 'Oil and Gas',
   '["upstream", "midstream", "downstream", "BOE", "HSE", "turnaround", "reserves replacement ratio"]',
   '{"frameworks": ["API Q1", "ISO 14001", "OSHA PSM"], "data_sensitivity": "high"}'),
  ('CHEMICALS', 'Chemicals',
   '["batch record", "safety data sheet", "process safety", "HAZOP", "specialty chemicals", "REACH dossier"]',
   '{"frameworks": ["REACH", "OSHA PSM", "Responsible Care"], "data_sensitivity": "medium"}'),
  ('PHARMA', 'Pharmaceuticals and Life Sciences',
   '["GxP", "clinical trial", "CAPA", "batch release", "pharmacovigilance", "regulatory submission"]',
   '{"frameworks": ["GMP", "FDA 21 CFR Part 11", "ICH E6 (GCP)", "EU GMP Annex 11"], "data_sensitivity": "critical"}'),
  ('HEALTHCARE', 'Healthcare Providers',
   '["EHR", "care pathway", "patient throughput", "readmission rate", "clinical coding", "value-based care"]',
   '{"frameworks": ["HIPAA", "HITECH", "GDPR", "ISO 27799"], "data_sensitivity": "critical"}'),
  ('MEDICAL_DEVICES', 'Medical Devices',
   '["design history file", "510(k)", "post-market surveillance", "UDI", "risk management file", "CE marking"]',
   '{"frameworks": ["ISO 13485", "ISO 14971", "EU MDR", "FDA 21 CFR Part 820"], "data_sensitivity": "critical"}'),
  ('FOOD_BEVERAGE', 'Food and Beverage',
   '["HACCP plan", "traceability", "shelf life", "co-packer", "allergen control", "SKU rationalization"]',
   '{"frameworks": ["FSMA", "ISO 22000", "BRCGS"], "data_sensitivity": "medium"}'),
  ('AGRICULTURE', 'Agriculture',
   '["yield per hectare", "precision farming", "crop rotation", "agronomy", "farm gate price", "input costs"]',
   '{"frameworks": ["GlobalG.A.P.", "EU CAP", "Organic certification"], "data_sensitivity": "low"}'),
  ('LOGISTICS', 'Logistics and Transportation',
   '["last mile", "3PL", "cross-docking", "OTIF", "freight audit", "warehouse management system"]',
   '{"frameworks": ["ISO 28000", "C-TPAT", "ADR"], "data_sensitivity": "medium"}'),
  ('RETAIL', 'Retail',
   '["same-store sales", "planogram", "shrink", "omnichannel", "basket size", "markdown optimization"]',
   '{"frameworks": ["PCI DSS", "GDPR", "CCPA"], "data_sensitivity": "high"}'),
  ('ECOMMERCE', 'E-commerce',
   '["conversion rate", "cart abandonment", "AOV", "fulfillment", "marketplace", "customer lifetime value"]',
   '{"frameworks": ["PCI DSS", "GDPR", "CCPA", "ePrivacy Directive"], "data_sensitivity": "high"}'),
  ('BANKING', 'Banking and Capital Markets',
   '["KYC", "AML", "net interest margin", "Basel III", "credit risk", "core banking"]',
   '{"frameworks": ["Basel III", "PCI DSS", "SOX", "DORA", "GDPR"], "data_sensitivity": "critical"}'),
  ('INSURANCE', 'Insurance',
   '["underwriting", "loss ratio", "combined ratio", "claims adjudication", "reinsurance", "policy administration"]',
   '{"frameworks": ["Solvency II", "IFRS 17", "NAIC Model Law", "GDPR"], "data_sensitivity": "critical"}'),
  ('TELECOM', 'Telecommunications',
   '["ARPU", "churn", "5G", "network slicing", "OSS/BSS", "spectrum"]',
   '{"frameworks": ["GDPR", "ePrivacy Directive", "CPNI rules", "ISO 27001"], "data_sensitivity": "high"}'),
  ('CONSTRUCTION', 'Construction and Engineering',
   '["BIM", "change order", "critical path", "RFI", "punch list", "retainage"]',
   '{"frameworks": ["ISO 45001", "ISO 19650", "OSHA 1926"], "data_sensitivity": "low"}'),
  ('MINING', 'Mining and Metals',
   '["ore grade", "strip ratio", "tailings", "comminution", "reserves and resources", "all-in sustaining cost"]',
   '{"frameworks": ["ICMM Mining Principles", "GISTM", "ISO 14001", "MSHA"], "data_sensitivity": "medium"}'),
  ('PUBLIC_SECTOR', 'Public Sector and Government',
   '["procurement framework", "citizen services", "digital service standard", "public value", "grant funding", "FOIA request"]',
   '{"frameworks": ["FedRAMP", "NIST SP 800-53", "GDPR", "Accessibility (WCAG 2.1)"], "data_sensitivity": "high"}'),
  ('EDUCATION', 'Education',
   '["learning outcomes", "LMS", "enrollment funnel", "curriculum mapping", "student retention", "accreditation"]',
   '{"frameworks": ["FERPA", "COPPA", "GDPR", "Accessibility (WCAG 2.1)"], "data_sensitivity": "high"}'),
  ('MEDIA', 'Media and Entertainment',
   '["content rights", "windowing", "CPM", "audience engagement", "royalties", "ad inventory"]',
   '{"frameworks": ["GDPR", "COPPA", "DMCA"], "data_sensitivity": "medium"}'),
  ('HOSPITALITY', 'Hospitality and Travel',
   '["RevPAR", "ADR", "occupancy rate", "guest experience", "channel manager", "loyalty program"]',
   '{"frameworks": ["PCI DSS", "GDPR", "ADA"], "data_sensitivity": "medium"}'),
  ('SOFTWARE', 'Software and SaaS',
   '["ARR", "net revenue retention", "CI/CD", "SLA", "multi-tenancy", "product-led growth"]',
   '{"frameworks": ["SOC 2", "ISO 27001", "GDPR", "CCPA"], "data_sensitivity": "high"}')
on conflict (code) do nothing;

-- =============================================================================================
-- catalog: parameter codes per dimension (ordinal = display order, 1..n)
-- =============================================================================================
insert into public.parameters (dimension, code, label, ordinal)
values
  ('scale', 'individual', 'Individual', 1),
  ('scale', 'team', 'Team', 2),
  ('scale', 'department', 'Department', 3),
  ('scale', 'enterprise', 'Enterprise', 4),
  ('urgency', 'low', 'Low', 1),
  ('urgency', 'medium', 'Medium', 2),
  ('urgency', 'high', 'High', 3),
  ('urgency', 'critical', 'Critical', 4),
  ('complexity', 'simple', 'Simple', 1),
  ('complexity', 'moderate', 'Moderate', 2),
  ('complexity', 'complex', 'Complex', 3),
  ('complexity', 'expert', 'Expert', 4),
  ('resources', 'minimal', 'Minimal', 1),
  ('resources', 'limited', 'Limited', 2),
  ('resources', 'standard', 'Standard', 3),
  ('resources', 'extensive', 'Extensive', 4),
  ('application', 'strategy', 'Strategy', 1),
  ('application', 'operations', 'Operations', 2),
  ('application', 'analysis', 'Analysis', 3),
  ('application', 'communication', 'Communication', 4),
  ('application', 'innovation', 'Innovation', 5)
on conflict (dimension, code) do nothing;

-- =============================================================================================
-- demo organization, owner, subscription and entitlements
-- =============================================================================================
-- created_by is the owner's id, not auth.uid() (there is no JWT during migrations). 002's
-- after-insert trigger makes created_by the owner; the explicit member insert below is then a
-- no-op, and it still guarantees the owner if the org row already existed without one.
insert into public.organizations (id, name, slug, created_by)
values ('00000000-0000-4000-8000-000000000001', 'PromptForge Demo', 'demo',
        '00000000-0000-4000-8000-0000000000a1')
on conflict do nothing;

insert into public.org_members (org_id, user_id, role)
values ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000a1', 'owner')
on conflict (org_id, user_id) do nothing;

-- active pro subscription for the current calendar month
insert into public.subscriptions (org_id, plan_code, status, current_period_start, current_period_end)
values ('00000000-0000-4000-8000-000000000001', 'pro', 'active',
        date_trunc('month', now()), date_trunc('month', now()) + interval '1 month')
on conflict (org_id) do nothing;

select public.pf_apply_plan_entitlements('00000000-0000-4000-8000-000000000001', 'pro');

-- =============================================================================================
-- demo run: M01 for MANUFACTURING, completed two hours ago, scored 85/88/15/90/82 (overall 86)
-- =============================================================================================
insert into public.runs (id, org_id, user_id, module_id, domain_code, parameters, status,
                         prompt, output, tokens, duration_ms, created_at, started_at, completed_at)
values (
  '00000000-0000-4000-8000-000000000101',
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-0000000000a1',
  'M01',
  'MANUFACTURING',
  '{"scale": "department", "urgency": "high", "complexity": "complex", "resources": "standard", "application": "strategy"}',
  'completed',
  'You are a senior strategy consultant supporting a Manufacturing organization.

Objective: Turn business goals into a phased 12-18 month strategic roadmap with initiatives, owners, milestones and risks.

Context:
- Scale: department
- Urgency: high
- Complexity: complex
- Resources: standard
- Application focus: strategy
- Industry terminology: OEE, MES, bill of materials, takt time, kaizen, work in progress, first pass yield
- Compliance frameworks: ISO 9001, ISO 14001, ISO 45001

Inputs:
- Business goals: Raise OEE from 68% to 80% across two plants and cut scrap by 25% within 18 months
- Current state assessment: Paper-based shift reports, no MES on line 3, maintenance is mostly reactive
- Constraints and budget: EUR 1.2M capex, no production downtime beyond planned shutdowns
- Time horizon: 18 months

Deliver:
1. Phased roadmap with initiatives and milestones
2. Owner and dependency map
3. Top risks with mitigations
4. Success metrics per phase

Be specific to the Manufacturing context, state your assumptions, stay within the compliance frameworks above and close with concrete next steps.',
  '# 18-month OEE roadmap: two plants

## Phase 1 (months 0-4): visibility
- Deploy MES data capture on line 3 and digital shift reports on all lines. Owner: plant IT lead.
- Baseline OEE, scrap and unplanned downtime per line. Milestone: weekly OEE review from month 3.

## Phase 2 (months 5-10): stability
- Preventive maintenance plans for the 12 most critical assets; kaizen events on the two worst bottlenecks.
- First pass yield tracking with root-cause tagging for every scrap event. Owner: quality manager.

## Phase 3 (months 11-18): optimization
- Condition-based maintenance pilots, takt-time rebalancing and SMED on changeovers.
- Target: OEE 80% and scrap -25% by month 18, within the EUR 1.2M capex envelope.

## Top risks
1. Operator adoption of digital reporting: mitigate with shift-lead champions and training.
2. Capex overrun on MES integration: phase the rollout line by line with stage gates.
3. Downtime during installation: schedule cut-overs in planned shutdowns only (ISO 45001 permits to work).',
  1840,
  12450,
  now() - interval '2 hours',
  now() - interval '2 hours' + interval '2 seconds',
  now() - interval '2 hours' + interval '2 seconds' + interval '12450 milliseconds'
)
on conflict (id) do nothing;

insert into public.run_telemetry (run_id, org_id, event_type, payload, created_at)
select r.id, r.org_id, 'run_completed',
       jsonb_build_object('model', 'gpt-4o', 'prompt_tokens', 620, 'completion_tokens', 1220,
                          'tokens', r.tokens, 'duration_ms', r.duration_ms, 'module_version', '1.0.0'),
       r.completed_at
  from public.runs r
 where r.id = '00000000-0000-4000-8000-000000000101'
   and not exists (select 1 from public.run_telemetry t where t.run_id = r.id);

-- checksum is filled in by 005's trigger
insert into public.prompt_history (id, run_id, org_id, user_id, action, snapshot, created_at)
select '00000000-0000-4000-8000-000000000201', r.id, r.org_id, r.user_id, 'created',
       jsonb_build_object('module_id', r.module_id, 'module_version', '1.0.0',
                          'domain_code', r.domain_code, 'parameters', r.parameters,
                          'prompt', r.prompt),
       r.completed_at
  from public.runs r
 where r.id = '00000000-0000-4000-8000-000000000101'
on conflict (id) do nothing;

-- overall = (85 + 88 + (100 - 15) + 90 + 82) / 5 = 86
insert into public.prompt_scores (run_id, org_id, clarity, execution, ambiguity, alignment, business_fit, scored_by)
values ('00000000-0000-4000-8000-000000000101', '00000000-0000-4000-8000-000000000001',
        85, 88, 15, 90, 82, '00000000-0000-4000-8000-0000000000a1')
on conflict (run_id) do nothing;

-- export bundle (the run is scored above the export threshold of 80)
insert into public.bundles (id, run_id, org_id, formats, paths, checksum, license_notice, created_by)
values (
  '00000000-0000-4000-8000-000000000301',
  '00000000-0000-4000-8000-000000000101',
  '00000000-0000-4000-8000-000000000001',
  '{pdf,md}',
  '{"pdf": "bundles/demo/00000000-0000-4000-8000-000000000101.pdf", "md": "bundles/demo/00000000-0000-4000-8000-000000000101.md"}',
  'sha256:35c911ce3c80f0fbce89ded884fb4137e13bc04059f275591844739dc20c7c3d',
  'Generated with PromptForge (module M01 v1.0.0) for PromptForge Demo. Licensed to that organization for internal business use under the PromptForge Terms of Service; redistribution of the module templates is not permitted.',
  '00000000-0000-4000-8000-0000000000a1'
)
on conflict (id) do nothing;

-- =============================================================================================
-- sanity checks: fail the migration rather than leave a half-seeded database
-- =============================================================================================
do $$
declare
  v_count integer;
begin
  select count(*) into v_count from public.modules;
  if v_count <> 50 then
    raise exception 'seed check failed: expected 50 modules, found %', v_count;
  end if;

  select count(*) into v_count from public.domains;
  if v_count <> 25 then
    raise exception 'seed check failed: expected 25 domains, found %', v_count;
  end if;

  select count(*) into v_count
    from public.modules m
   where (select count(*) from public.module_versions mv where mv.module_id = m.id and mv.is_current) <> 1;
  if v_count <> 0 then
    raise exception 'seed check failed: % module(s) without exactly one current version', v_count;
  end if;

  if not exists (select 1 from public.prompt_scores s
                  where s.run_id = '00000000-0000-4000-8000-000000000101' and s.overall = 86) then
    raise exception 'seed check failed: the demo run is not scored with overall 86';
  end if;
end;
$$;

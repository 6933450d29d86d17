-- Fills report-service's read model with ten years (2015-2024) of values for every municipality that
-- existed in each year, 20 indicators, their counties and the country: what indicator-service would have
-- published. Deterministic (values come from hashes of indicator, code and year), so runs compare.
-- psql -f generate.sql < population-2015-2024.csv
\set ON_ERROR_STOP on
begin;
truncate indicator_value;
create temp table pop (year int, code text, name text, population bigint, src text);
\copy pop from pstdin with (format csv, header true)

create temp table ind (id text, goal text, unit text);
insert into ind values
 ('effort.fte_per_10k','effort','per_10k'), ('effort.higher_education_share','effort','percent'),
 ('effort.escalated_share','effort','percent'), ('effort.budget_increased_share','effort','percent'),
 ('effort.budget_unchanged_share','effort','percent'), ('effort.extra_funds_large_share','effort','percent'),
 ('goal1.user_council_share','1','percent'), ('goal1.brukerplan_share','1','percent'), ('goal1.peer_workers_per_10k','1','per_10k'),
 ('goal2.early_intervention_share','2','percent'), ('goal3.individual_plan_share','3','percent'), ('goal3.crisis_plan_share','3','percent'),
 ('goal3.fact_share','3','percent'), ('goal3.waiting_days','3','days'), ('goal4.meaningful_activity_share','4','percent'),
 ('goal4.homeless_share','4','percent'), ('goal4.housing_units_per_1k','4','per_1k'), ('goal4.housing_unchanged_share','4','percent'),
 ('goal5.court_programme_per_100k','5','per_100k');

-- Municipalities: a denominator of 2-400 persons, a numerator below it; fewer than 5 persons is withheld.
create temp table m as
select i.id, i.goal, i.unit, p.year, p.code, p.name, p.population,
       (2 + abs(hashtext(i.id || p.code || p.year)) % 400)::double precision as den,
       abs(hashtext(p.code || i.id || p.year || 'n')) % 1000 / 1000.0 as share
from pop p cross join ind i;
insert into indicator_value (indicator_id, level, area_code, borders, year, revision, definition_version, goal, unit, area_name, status,
  value, numerator, denominator, factor, person_count, suppressed, submission_version, computed_at, event_id, received_at)
select id, 'municipality', code, 'as_reported', year, 1, 1, goal, unit, name, 'ok',
       round(den * share) / den * 100, round(den * share), den, 100, least(round(den * share), den),
       case when least(round(den * share), den) < 5 then 'primary' else 'none' end, 1, now(), md5(id || code || year), now()
from m;

-- Counties: sums of numerators and denominators of their municipalities.
insert into indicator_value (indicator_id, level, area_code, borders, year, revision, definition_version, goal, unit, area_name, status,
  value, numerator, denominator, factor, suppressed, reporting_count, expected_count, computed_at, event_id, received_at)
select id, 'county', substr(code, 1, 2), 'as_reported', year, 1, 1, min(goal), min(unit), 'Fylke ' || substr(code, 1, 2), 'ok',
       sum(round(den * share)) / sum(den) * 100, sum(round(den * share)), sum(den), 100, 'none', count(*), count(*), now(),
       md5(id || substr(code, 1, 2) || year), now()
from m group by id, substr(code, 1, 2), year;

-- The country, with its size classes.
insert into indicator_value (indicator_id, level, area_code, borders, year, revision, definition_version, goal, unit, area_name, status,
  value, numerator, denominator, factor, suppressed, reporting_count, expected_count, size_classes, computed_at, event_id, received_at)
select id, 'country', 'NO', 'as_reported', year, 1, 1, min(goal), min(unit), 'Norge', 'ok',
       sum(round(den * share)) / sum(den) * 100, sum(round(den * share)), sum(den), 100, 'none', count(*), count(*),
       (select jsonb_agg(jsonb_build_object('sizeClass', c, 'value', v, 'count', n, 'suppressed', 'none')) from (
          select case when population < 5000 then 'under_5000' when population < 20000 then '5000_19999'
                      when population < 50000 then '20000_49999' else '50000_and_over' end as c,
                 sum(round(den * share)) / sum(den) * 100 as v, count(*) as n
          from m m2 where m2.id = m.id and m2.year = m.year and m2.population is not null group by 1) s),
       now(), md5(id || 'NO' || year), now()
from m group by id, year;

-- The response rate: everyone expected reported in this synthetic data.
insert into indicator_value (indicator_id, level, area_code, borders, year, revision, definition_version, goal, unit, area_name, status,
  value, numerator, denominator, factor, suppressed, reporting_count, expected_count, computed_at, event_id, received_at)
select 'reporting.response_rate', 'country', 'NO', 'as_reported', year, 1, 1, 'reporting', 'percent', 'Norge', 'ok',
       100, count(*), count(*), 100, 'none', count(*), count(*), now(), md5('rr' || year), now()
from pop group by year;
commit;
analyze indicator_value;
select count(*) as values, count(distinct year) as years, count(distinct area_code) filter (where level = 'municipality' and year = 2024)
  as municipalities_2024 from indicator_value;

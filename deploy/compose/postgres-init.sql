-- One database per service, created when the PostgreSQL container first starts.
CREATE DATABASE rusmonitor_survey;
CREATE DATABASE rusmonitor_indicator;
CREATE DATABASE rusmonitor_report;

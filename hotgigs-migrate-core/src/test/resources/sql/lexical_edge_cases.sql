-- Lexical corner cases; each must split exactly as psql splits it.
SELECT 'it''s; one string', E'it\'s; \\ still one', U&'d\0061t\+000061;' AS u, $$;$$, $a$ $b$ ; $b$ $a$;;;
SELECT "weird;""name" FROM (SELECT 1 AS "weird;""name") AS "sub;query";
SELECT 1 AS a$b, 2 AS "$$" -- a comment with 'quote and ; semicolon
;
/* leading comment; */ SELECT /* inner /* nested; */ 'x' */ 3;
SELECT 4; SELECT 5;   SELECT
6;
SELECT 'continued; '
       'on the next line' AS joined, 1--2; not code
;
SELECT 2/*c;*/+1, 7 - -1, x'1F' AS bits, b'0101', N'national; text', 1.5e3;
CREATE FUNCTION quoted_body() RETURNS text LANGUAGE sql AS 'SELECT ''a;b''::text';
CREATE FUNCTION tagged(p text) RETURNS text LANGUAGE plpgsql AS $body$
DECLARE
    q text := $q$it's $$ not the end; $body not either$q$;
BEGIN
    RETURN p || q || $x$;$x$;
END
$body$;
PREPARE add_one(int) AS SELECT $1 + 1;
EXECUTE add_one(41);
CREATE TABLE "begin" (begin int, "end" text, "case" text);
INSERT INTO "begin" VALUES (1, 'END;', 'CASE'), (2, E'\';\'', $$'$$);
SELECT begin, "end" FROM "begin" WHERE "case" = 'CASE' OR begin = 2;
CREATE FUNCTION nested_case(n int) RETURNS text LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN n > 0 THEN CASE WHEN n > 10 THEN 'big' ELSE 'small' END ELSE 'none' END;
END;
SELECT nested_case(5), quoted_body(), tagged('x');
-- Legacy scripts: with standard_conforming_strings off, a backslash escapes in '...' too.
SET standard_conforming_strings = off;
SELECT 'it\'s; legacy', 'C:\\dir\\';
SET SESSION standard_conforming_strings TO 'on';
SELECT 'C:\dir\', 'back; to standard';
/* trailing comment only */ -- and a line comment; the script ends here

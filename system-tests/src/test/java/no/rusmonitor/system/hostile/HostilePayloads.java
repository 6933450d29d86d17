package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The strings and bytes the corpus is made of, by kind. Each is a literal an attacker would try. */
public final class HostilePayloads {

    private HostilePayloads() {
    }

    /** Path segments that try to climb out of the API, raw and encoded. */
    public static final List<String> TRAVERSAL = List.of(
            "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%252f..%252fetc%252fpasswd",
            "..\\..\\windows\\win.ini", "..%5c..%5cwindows%5cwin.ini", "....//....//etc/passwd", "..;/..;/etc/passwd",
            "%c0%ae%c0%ae%c0%afetc%c0%afpasswd", "/etc/passwd%00.json", "..%00/", "%2e%2e", ".", "..",
            "file:%2f%2f%2fetc%2fpasswd", "WEB-INF%2fweb.xml", "q%2fopenapi", "..%2f..%2fq%2fhealth");

    /** Injection attempts (SQL, script, template, JNDI, CRLF, format strings), unencoded. */
    public static final List<String> INJECTION = List.of(
            "' OR '1'='1", "1; DROP TABLE submission; --", "0301' UNION SELECT version(), null --", "1) OR pg_sleep(5) IS NULL --",
            "\"; DELETE FROM indicator_value; --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "${jndi:ldap://127.0.0.1:1/a}", "${jndi:${lower:l}dap://127.0.0.1:1/a}", "#{7*7}", "{{7*7}}", "${7*7}", "%s%s%s%n",
            "\r\nSet-Cookie: pwned=1", "\r\n\r\n<html>smuggled</html>", "\u0000", "admin'--", "*)(uid=*))(|(uid=*",
            "$(cat /etc/passwd)", "`id`", "|| ping -c 1 127.0.0.1", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
            "\u202Egnp.exe", "\uFEFF0301", "٠٣٠١", "0301\u0000", "NaN", "-0", "null", "undefined", "[]", "{}",
            "-", "_", ";", ",", "=");

    /** Numbers out of every sensible range, as JSON literals. */
    public static final List<String> NUMBERS = List.of(
            "1e309", "-1e309", "1e-400", "99999999999999999999999999999999999999", "-99999999999999999999999999999999", "-1", "-2147483649",
            "2147483648", "9223372036854775808", "-9223372036854775809", "0.0000000000000000000000000000001", "1.5", "-0.0",
            "123456789012345678901234567890.123456789", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e309\"", "\"0x10\"", "\" 12 \"");

    /** Values of other JSON types than expected; none can be coerced into a valid value. */
    public static final List<String> WRONG_TYPES = List.of("{}", "[]", "[1,2]", "{\"a\":1}", "\"not a number\"", "true", "\"\"", "[[[]]]");

    /** Bodies that are not well-formed JSON, or name a field twice (which Jackson alone would take, keeping the last). */
    public static final List<String> BROKEN_JSON = List.of(
            "{", "}", "{\"answers\":", "{\"answers\":{\"users_total\":12,}}", "{'answers':{}}", "{\"answers\":{\"users_total\":0012}}",
            "{\"answers\":{} /* comment */}", "{\"answers\":{\"a\":\"unterminated}}", "[1,2", "nul", "\"\\uD800\"", "{\"a\":1}{\"b\":2}",
            "{\"answers\":{\"users_total\":1}}trailing", "\uFEFF{\"answers\":{}}", "{\"answers\" {}}", "{\"\\u0000\":1}", "{\"a\":NaN}",
            "{\"answers\":{\"users_total\":1200,\"users_total\":12}}", "{\"answers\":{},\"answers\":{}}", "{\"a\":Infinity}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":\"\\x41\"}", "{\"a\":tru}", "", " ", "null", "0", "\"just a string\"");

    /** Byte sequences that are not UTF-8. */
    public static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] { (byte) 0xC3, 0x28 }, new byte[] { (byte) 0xFF, (byte) 0xFE }, new byte[] { (byte) 0xC0, (byte) 0xAF },
            new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
            new byte[] { (byte) 0xE2, (byte) 0x82 }, new byte[] { (byte) 0x80 });

    /** The same, percent-encoded for a URL. */
    public static final List<String> INVALID_UTF8_ENCODED = List.of("%C3%28", "%FF%FE", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "%E2%82", "%80",
            "%", "%zz", "%%", "%0");

    /** Content types a JSON endpoint must refuse, or may read as JSON (no type, any type, JSON with parameters). */
    public static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=ebcdic", "image/png", "*/*",
            "application/octet-stream", "text/csv", "application/json; boundary=\r\n", "garbage", "");

    /** Accept headers no endpoint can satisfy or that are malformed. */
    public static final List<String> WRONG_ACCEPTS = List.of("application/xml", "image/png", "text/plain;q=0, application/json;q=0",
            "application/json;q=abc", "*/*;q=0", "garbage/", ";;;", "text/csv;charset=ebcdic", "application/pdf",
            "application/" + "x".repeat(300));

    /** Answer values for a survey form: the question and a value it cannot take. */
    public static final List<String[]> ANSWERS_OUT_OF_BOUNDS = List.of(
            new String[] { "users_total", "-1" }, new String[] { "users_total", "1e309" }, new String[] { "users_total", "1.5" },
            new String[] { "users_total", "99999999999999999999999999" }, new String[] { "fte_adults", "5000.5" },
            new String[] { "fte_adults", "-0.1" }, new String[] { "waiting_days_avg", "366" }, new String[] { "waiting_days_avg", "365.0000000000001" },
            new String[] { "users_homeless", "10000000000000001" }, new String[] { "peer_workers", "-2147483649" },
            new String[] { "budget_change", "\"sometimes\"" }, new String[] { "comment", "\"" + "x".repeat(4001) + "\"" },
            new String[] { "youth_contracts", "9223372036854775808" }, new String[] { "users_rop", "\"NaN\"" },
            new String[] { "fte_youth", "\"Infinity\"" }, new String[] { "user_council", "\"yes\"" }, new String[] { "no_such_question", "1" },
            new String[] { "users_total", "-1e309" }, new String[] { "users_total", "1e400000" }, new String[] { "fte_adults", "1e309" },
            new String[] { "comment", "\"\\u0000\"" }, new String[] { "comment", "\"a\\u0007b\"" }, new String[] { "comment", "\"\\ud800\"" });

    /** CSV imports a spreadsheet or an attacker could send; none holds a row that can be imported. */
    public static final List<String> CSV_IMPORTS = List.of(
            "municipality_code,survey_year,users_total,\n0301,2018,3,\n",
            "municipality_code,survey_year,users_total,users_total\n0301,2018,3,4\n",
            "municipality_code,survey_year,users_total,users_with_individual_plan\n0301,2018,1e999999999,1\n",
            "municipality_code,survey_year,users_total,users_with_individual_plan\n0301,2018,1e-999999999,1\n",
            "municipality_code,survey_year,users_total\n0301,2018," + "9".repeat(100_000) + "\n",
            "municipality_code,survey_year,users_total,comment\n0301,2018,-1,a\u0000b\n",
            "municipality_code,survey_year\n0301,99999999999\n",
            "municipality_code,survey_year,users_total\n../../etc/passwd,2018,1\n");

    /** A JSON value nested {@code depth} levels deep, in arrays or objects. */
    public static String nested(int depth, boolean objects) {
        StringBuilder json = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            json.append(objects ? "{\"a\":" : "[");
        }
        json.append('1');
        for (int i = 0; i < depth; i++) {
            json.append(objects ? '}' : ']');
        }
        return json.toString();
    }

    /** A syntactically valid JSON object of about {@code bytes} bytes. */
    public static byte[] huge(int bytes) {
        StringBuilder json = new StringBuilder(bytes + 32).append("{\"answers\":{\"comment\":\"");
        json.append("x".repeat(Math.max(0, bytes - 30)));
        return json.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes with invalid UTF-8 inside an otherwise plausible JSON body. */
    public static byte[] jsonWith(byte[] invalid) {
        byte[] start = "{\"answers\":{\"comment\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\"}}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[start.length + invalid.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(invalid, 0, body, start.length, invalid.length);
        System.arraycopy(end, 0, body, start.length + invalid.length, end.length);
        return body;
    }
}

package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The live dashboard in real headless Chromium against the whole system: a survey submitted through
 * survey-service's API shows on the page within 2 s, with its mark; the language switches and is
 * remembered; a municipality shows its values beside its county and the country and links to its
 * published report; a withheld value shows ':' and no number; and when indicator-service goes away
 * the page says so, reconnects and catches up; when only the connection drops, the stream goes on from the
 * last change the page saw. Screenshots: system-tests/target/screenshots/.
 * <p>
 * Each test works in a year of its own (2021, 2022), so that neither they nor other tests' submissions
 * (2023, 2024) change what another expects. One test publishes an indicator anew, in every year: it puts the
 * figures back before it ends (the publishing answers once they are recomputed).
 */
class DashboardBrowserIT {

    private static final int YEAR = 2021;
    private static final int OTHER_YEAR = 2022;
    private static final String OSLO = "0301";
    private static final String BERGEN = "4601";
    private static final String STAVANGER = "1103";
    /** Submits only for the factor test, in {@link #OTHER_YEAR}. */
    private static final String HAUGESUND = "1106";
    /** Users with an individual plan / users: a share built from person counts, so small ones are withheld. */
    private static final String PLAN_SHARE = "goal3.individual_plan_share";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static RunningSystem system;
    private static SurveyClient survey;
    private static HeadlessChromium browser;
    private static ChromeDriver page;

    @BeforeAll
    static void start() throws Exception {
        system = RunningSystem.with(Service.SURVEY, Service.INDICATOR, Service.REPORT);
        survey = new SurveyClient(system.url(Service.SURVEY));
        survey.openYear(YEAR);
        survey.openYear(OTHER_YEAR);
        browser = new HeadlessChromium(Path.of(System.getProperty("rusmonitor.root", "..")).resolve("system-tests/target/screenshots"));
        page = browser.driver();
    }

    /** Every test starts as a new visitor: bokmål, nothing remembered. */
    @BeforeEach
    void newVisitor() {
        page.get(system.url(Service.INDICATOR) + "/");
        page.executeScript("window.localStorage.clear()");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void showsSubmissionsLiveInBothLanguagesWithMunicipalitiesAndWithheldValues() throws Exception {
        openDashboard(YEAR);
        assertEquals("nb", page.findElement(By.tagName("html")).getAttribute("lang"), "bokmål by default");
        assertEquals("..", cardValue(PLAN_SHARE), "nothing reported for the year yet: missing, not 0");

        // Bergen with three users: every share built on them is withheld, here and (secondarily) for its county.
        assertEquals(201, survey.submitAnswers(BERGEN, YEAR, smallAnswers(), null).statusCode());
        waitUpTo(Duration.ofSeconds(15), "the first submission counted", d -> completeness().startsWith("1 av "));
        waitUpTo(Duration.ofSeconds(5), "the national share withheld", d -> cardValue(PLAN_SHARE).equals(":"));
        assertTrue(card(PLAN_SHARE).findElements(By.cssSelector(".figure .unit")).isEmpty(), "no unit after ':', which would read as a value");
        browser.screenshot("dashboard-01-withheld-national");

        // Oslo with 200 users, 30 of them with a plan: the country is (30 + 1) / (200 + 3) = 15.3 %, on the page within 2 s.
        HttpResponse<String> answer = survey.submit(OSLO, YEAR, 200, null);
        long answeredAt = System.nanoTime();
        assertEquals(201, answer.statusCode(), answer.body());
        new WebDriverWait(page, Duration.ofMillis(2000), Duration.ofMillis(25)).withMessage("the new national value within 2 s of the answer")
                .until(d -> cardValue(PLAN_SHARE).equals("15,3") && card(PLAN_SHARE).findElements(By.cssSelector(".mark")).size() == 1);
        long tookMillis = (System.nanoTime() - answeredAt) / 1_000_000;
        assertTrue(tookMillis <= 2000, "on the page " + tookMillis + " ms after the submit's answer");
        assertTrue(card(PLAN_SHARE).getAttribute("class").contains("changed"), "the card is marked as just changed");
        assertEquals("%", text(() -> card(PLAN_SHARE).findElement(By.cssSelector(".figure .unit"))), "a shown value has its unit");
        assertEquals("Nettopp endret", text(() -> card(PLAN_SHARE).findElement(By.cssSelector(".mark"))));
        waitUpTo(Duration.ofSeconds(5), "completeness counts both", d -> completeness().startsWith("2 av "));
        browser.screenshot("dashboard-02-live-change");

        // The county section switches to the share once its values are in.
        new Select(page.findElement(By.id("county-indicator"))).selectByValue(PLAN_SHARE);
        String share = text(() -> card(PLAN_SHARE).findElement(By.tagName("h4")));
        waitUpTo(Duration.ofSeconds(10), "the county table for the share, with its unit",
                d -> text(() -> d.findElement(By.cssSelector("#county-table caption"))).equals(share + " (%), " + YEAR));
        // A box's tooltip reads in bokmål, with decimal commas, and a name as text (drawn by the page's own chart code).
        Object tooltip = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./dashboard/charts.js').then(({ boxes }) => {
                  const el = Object.assign(document.createElement('div'), { style: 'width: 400px; height: 300px' });
                  document.body.append(el);
                  boxes(el, ['Agder <i>'], [{ count: 25, min: 1.25, q1: 2.5, median: 3.75, q3: 5, max: 10.5 }], 1);
                  const chart = echarts.getInstanceByDom(el);
                  const text = chart.getOption().tooltip[0].formatter({ dataIndex: 0 });
                  chart.dispose();
                  el.remove();
                  done(text);
                }, e => done(String(e)));
                """);
        assertEquals("Agder &lt;i&gt;<br>Største: 10,5<br>3. kvartil: 5,0<br>Median: 3,8<br>1. kvartil: 2,5<br>Minste: 1,3", tooltip);

        // English, remembered over a reload.
        page.findElement(By.id("lang-toggle")).click();
        assertEquals("en", page.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals("Rusmonitor: the escalation plan for the substance-abuse field", page.findElement(By.tagName("h1")).getText());
        assertTrue(completeness().startsWith("2 of "), completeness());
        assertEquals("15.3", cardValue(PLAN_SHARE), "English number format");
        openDashboard(YEAR);
        assertEquals("en", page.findElement(By.tagName("html")).getAttribute("lang"), "the choice is remembered");
        assertEquals("Norsk", page.findElement(By.id("lang-toggle")).getText());
        assertEquals("Rusmonitor: the escalation plan for the substance-abuse field", page.getTitle(), "the window's title too");
        browser.screenshot("dashboard-03-english");

        // A name two municipalities begin with asks for one of them.
        WebElement search = page.findElement(By.id("municipality-input"));
        search.sendKeys("Herøy");
        page.findElement(By.id("municipality-show")).click();
        String ambiguous = text(() -> page.findElement(By.id("municipality-error")));
        assertTrue(ambiguous.startsWith("“Herøy” fits several municipalities: ") && ambiguous.contains("(1515)") && ambiguous.contains("(1818)"),
                ambiguous);
        search.clear();

        // A name in two languages is found by either of them.
        search.sendKeys("Kautokeino");
        page.findElement(By.id("municipality-show")).click();
        waitUpTo(Duration.ofSeconds(5), "Kautokeino's values",
                d -> text(() -> d.findElement(By.id("municipality-name"))).equals("Guovdageaidnu - Kautokeino (5612)"));
        assertEquals("", text(() -> page.findElement(By.id("municipality-error"))));
        // No profile of it has been published: the page says so rather than link to a "not found".
        waitUpTo(Duration.ofSeconds(5), "word that no profile is published", d -> !d.findElements(By.id("report-none")).isEmpty());
        assertEquals("No profile of Guovdageaidnu - Kautokeino " + YEAR + " has been published yet.",
                text(() -> page.findElement(By.id("report-none"))));
        assertTrue(page.findElements(By.id("report-link")).isEmpty(), "no link to a profile that is not there");
        search.clear();

        // A search that finds nothing says so, in the language of the moment.
        search.sendKeys("Atlantis");
        page.findElement(By.id("municipality-show")).click();
        assertEquals("No municipality is called or numbered “Atlantis”.", text(() -> page.findElement(By.id("municipality-error"))));
        page.findElement(By.id("lang-toggle")).click();
        assertEquals("Fant ingen kommune som heter eller har nummer «Atlantis».", text(() -> page.findElement(By.id("municipality-error"))));
        assertEquals("Rusmonitor: opptrappingsplanen for rusfeltet", page.getTitle());
        page.findElement(By.id("lang-toggle")).click();

        // A published profile of Bergen, so the public link has something to open.
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(URI.create(system.url(Service.REPORT) + "/api/reports/municipalities/"
                + BERGEN + "/" + YEAR + "/versions")).header("Authorization", "Bearer " + TestTokens.analyst())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, published.statusCode(), published.body());

        search.clear();
        search.sendKeys("bergen");
        page.findElement(By.id("municipality-show")).click();
        waitUpTo(Duration.ofSeconds(5), "Bergen's values", d -> !d.findElements(By.cssSelector("#municipality-table")).isEmpty());
        assertEquals("", text(() -> page.findElement(By.id("municipality-error"))), "the failed search's message is gone");
        assertEquals("Bergen (4601)", text(() -> page.findElement(By.id("municipality-name"))));
        assertEquals(":", municipalityCell(PLAN_SHARE, "municipality"), "Bergen's own share is withheld");
        assertEquals(":", municipalityCell(PLAN_SHARE, "county"), "so is its county's, which Bergen alone makes up");
        assertEquals("15.3", municipalityCell(PLAN_SHARE, "country"));
        // Bergen's own share would be 1 / 3 = 33.3 %: no number at all in the cell, besides the legend's "fewer than 5".
        String withheldCell = cell(PLAN_SHARE, "municipality").getAttribute("textContent");
        assertFalse(withheldCell.replace("fewer than 5 persons", "").matches("(?s).*\\d.*"), "no number in a withheld cell: " + withheldCell);
        assertEquals("100.0", municipalityCell("reporting.response_rate", "municipality"), "Bergen has submitted");
        browser.screenshot("dashboard-04-municipality");
        browser.resize(HeadlessChromium.PHONE);
        page.executeScript("document.getElementById('municipality-heading').scrollIntoView()");
        browser.screenshot("dashboard-05-municipality-phone");
        browser.resize(HeadlessChromium.LAPTOP);

        // A change on the page leaves the keyboard where it was: on the report's link.
        page.executeScript("document.getElementById('report-link').focus()");
        WebElement countryRow = page.findElement(By.cssSelector("#county-table tfoot tr"));
        String countryRowBefore = countryRow.getText();
        int submittedBefore = submitted();
        assertEquals(201, survey.submit(STAVANGER, YEAR, 80, null).statusCode());
        waitUpTo(Duration.ofSeconds(15), "Stavanger's submission, live", d -> submitted() == submittedBefore + 1);
        assertEquals("report-link", page.executeScript("return document.activeElement.id"), "the focus stays on the link");
        // The county table's cells change where they are: rebuilt, it would take a screen reader's place in it away.
        waitUpTo(Duration.ofSeconds(5), "the county table's country row, updated in place", d -> {
            try {
                return !countryRow.getText().equals(countryRowBefore);
            } catch (StaleElementReferenceException rebuilt) {
                throw new AssertionError("the county table was rebuilt on a change", rebuilt);
            }
        });

        String report = page.findElement(By.id("report-link")).getAttribute("href");
        assertEquals(system.url(Service.REPORT) + "/api/reports/municipalities/4601/2021/versions/latest.html?lang=en", report);
        HttpResponse<String> publicReport = HTTP.send(HttpRequest.newBuilder(URI.create(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, publicReport.statusCode(), "a public reader (no token) can open the link");
        page.findElement(By.id("report-link")).click();
        waitUpTo(Duration.ofSeconds(10), "the report page", d -> d.getCurrentUrl().startsWith(system.url(Service.REPORT)));
        assertTrue(page.getPageSource().contains("Bergen"), "the report is Bergen's");
        browser.screenshot("dashboard-06-report");
    }

    @Test
    void saysWhenDisconnectedThenReconnectsAndCatchesUp() throws Exception {
        openDashboard(system.url(Service.INDICATOR), OTHER_YEAR);
        int before = submitted();
        RunningSystem.ServiceProcess indicators = system.service(Service.INDICATOR);
        indicators.kill();
        waitUpTo(Duration.ofSeconds(10), "the disconnected notice", d -> connection().getAttribute("data-state").equals("reconnecting"));
        assertEquals("Frakoblet – kobler til igjen …", connection().getText());
        browser.screenshot("dashboard-07-disconnected");

        // Trondheim submits while the page is cut off from the stream; once back, the page catches up.
        assertEquals(201, survey.submit("5001", OTHER_YEAR, 120, null).statusCode());
        indicators.start();
        waitUpTo(Duration.ofSeconds(20), "live again", d -> connection().getAttribute("data-state").equals("live"));
        waitUpTo(Duration.ofSeconds(20), "the submission made while disconnected", d -> submitted() == before + 1);
        browser.screenshot("dashboard-08-reconnected");
    }

    /**
     * The connection drops while indicator-service stays up and takes in a submission: the page asks the stream
     * to go on after the last change it saw, and gets the change it missed from the stream alone, not by
     * loading everything again.
     */
    @Test
    void resumesTheStreamAfterTheLastChangeItSawWhenTheConnectionDrops() throws Exception {
        URI indicators = URI.create(system.url(Service.INDICATOR));
        try (CuttableProxy network = new CuttableProxy(indicators.getHost(), indicators.getPort())) {
            openDashboard(network.url(), OTHER_YEAR);
            int before = submitted();
            // A change seen live gives the page an event id to go on from.
            assertEquals(201, survey.submit(OSLO, OTHER_YEAR, 150, null).statusCode());
            waitUpTo(Duration.ofSeconds(15), "Oslo's submission, live", d -> submitted() == before + 1);

            network.cut();
            waitUpTo(Duration.ofSeconds(10), "the disconnected notice", d -> connection().getAttribute("data-state").equals("reconnecting"));
            assertEquals(201, survey.submit(STAVANGER, OTHER_YEAR, 90, null).statusCode());
            awaitSubmittedByTheService(OTHER_YEAR, before + 2);
            int requestsBefore = network.requestCount();
            network.restore();

            waitUpTo(Duration.ofSeconds(20), "live again", d -> connection().getAttribute("data-state").equals("live"));
            waitUpTo(Duration.ofSeconds(10), "Stavanger's submission, made while cut off", d -> submitted() == before + 2);
            List<String> asked = network.requestsSince(requestsBefore);
            List<String> requestLines = asked.stream().map(r -> r.lines().findFirst().orElse("")).toList();
            assertFalse(asked.isEmpty(), "the page reconnected through the proxy");
            assertTrue(requestLines.stream().allMatch(r -> r.startsWith("GET /api/stream?")), "only the stream was asked for again: " + requestLines);
            assertTrue(asked.stream().anyMatch(DashboardBrowserIT::goesOnFromAnEvent), "the stream was asked to go on from an event: " + asked);
            browser.screenshot("dashboard-09-resumed");
        }
    }

    /**
     * After a 'reset' the page loads everything again and then follows the stream from an id taken before that
     * load, so the stream can bring a change the load already showed. The page's store tells such a change
     * from news by its revision, and only news is marked "just changed". (A reset cannot be brought about
     * on demand in the running system, so the rule is checked on the page's own module.)
     */
    @Test
    void theStoreMarksOnlyNewsAndTakesEachMarkOffInItsTime() {
        openDashboard(YEAR);
        Object verdicts = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./dashboard/store.js').then(({ Store }) => {
                  const store = new Store();
                  const loaded = { indicatorId: 'goal1.example', level: 'country', areaCode: 'NO', year: 2021, revision: 3 };
                  const unseen = store.isNews(loaded);
                  store.put(loaded);
                  done([unseen, store.isNews({ ...loaded }), store.isNews({ ...loaded, revision: 2 }), store.isNews({ ...loaded, revision: 4 })]);
                }, e => done(String(e)));
                """);
        assertEquals(List.of(true, false, false, true), verdicts, "news: unseen, the same revision again, an older one, a newer one");

        // Marks made a minute apart: the first comes off after its minute, whatever came after it.
        Object marks = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./dashboard/store.js').then(({ Store }) => {
                  const store = new Store();
                  const first = { indicatorId: 'goal1.example', level: 'country', areaCode: 'NO', year: 2021, revision: 1 };
                  const later = { ...first, areaCode: '03', level: 'county' };
                  const start = Date.now();
                  store.markChanged(first);
                  const both = [store.expireMarks(start + 30000), store.justChanged('goal1.example', 'country', 'NO', 2021)];
                  store.changedAt.set('goal1.example|county|03|2021', start + 30000); // the later change, half a minute on
                  const after = [store.expireMarks(start + 61000), store.justChanged('goal1.example', 'country', 'NO', 2021),
                    store.changedAt.has('goal1.example|county|03|2021')];
                  done([...both, ...after]);
                }, e => done(String(e)));
                """);
        assertEquals(List.of(false, true, true, false, true), marks, "nothing expired at 30 s; at 61 s the first mark is off, the later stays");
    }

    /**
     * A stream opened without an event id (its first connection failed) loads the figures again only once the
     * service has said where it begins (its first event): loaded at once, a change committed in between would be
     * in neither the figures nor the stream. (A fake EventSource plays the service.)
     */
    @Test
    void aStreamWithoutAnIdLoadsTheFiguresOnlyOnceItKnowsWhereItBegins() {
        openDashboard(YEAR);
        Object seen = withFakeEventSource("""
                const calls = [];
                const states = [];
                let reloaded;
                const load = what => () => { calls.push(what); return new Promise(resolve => { reloaded = resolve; }); };
                const stream = new LiveStream({ change: () => calls.push('change'), state: s => states.push(s),
                  reload: load('reload'), reset: load('reset') });
                stream.wasDown = true; // the first connection failed: no id to resume from
                stream.start();
                sources[0].dispatchEvent(new Event('open'));
                const atOpen = calls.join(',');
                sources[0].dispatchEvent(new MessageEvent('progress', { data: '{"latestId":41}', lastEventId: '41' }));
                const afterFirstEvent = [calls.join(','), stream.lastEventId];
                reloaded();
                // A reset: the stream closes for a reload, and the page says so rather than 'live'.
                sources[0].dispatchEvent(new MessageEvent('reset', { data: '{"latestId":50}' }));
                const whileReloading = states[states.length - 1];
                reloaded();
                setTimeout(() => done([atOpen, ...afterFirstEvent, whileReloading, calls.join(','), sources.length, sources[1] && sources[1].url]), 0);
                """);
        assertEquals(List.of("", "reload", "41", "reloading", "reload,reset", 2L, "api/stream?borders=2024&lastEventId=50"), seen,
                "nothing at the opening; one load at the first event, which it resumes from; after a reset, 'reloading' through"
                        + " a reload anew until the stream opens again from the id the reset named");
    }

    /**
     * An operator publishes a new version of an indicator while the page is open, with a new factor and name: its
     * changed values come on the stream with the new version, and the page loads the catalogue again and shows
     * them under the new name, with the service's new figure, ten times the one before, without being opened
     * again. (The old version's content is published again afterwards, as a third version, so the figures end as
     * they began. The year is {@link #OTHER_YEAR}, whose tests count submissions from where they start: Haugesund,
     * which no other test submits, gives it a national figure.)
     */
    @Test
    void anIndicatorPublishedAgainWhileThePageIsOpenShowsUnderItsNewName() throws Exception {
        if (survey.etag(HAUGESUND, OTHER_YEAR) == null) {
            assertEquals(201, survey.submit(HAUGESUND, OTHER_YEAR, 200, null).statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!nationalValueFromTheService(PLAN_SHARE, OTHER_YEAR).path("values").path(0).path("value").isNumber()) {
            assertTrue(System.nanoTime() < deadline, "a national figure for " + OTHER_YEAR + " within 20 s");
            Thread.sleep(100);
        }
        openDashboard(OTHER_YEAR);
        String before = text(() -> card(PLAN_SHARE).findElement(By.tagName("h4")));
        ObjectNode content = (ObjectNode) JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(system.url(Service.INDICATOR)
                + "/api/indicators/" + PLAN_SHARE)).build(), HttpResponse.BodyHandlers.ofString()).body());
        int oldVersion = content.get("version").asInt();
        content.remove(List.of("id", "version", "publishedAt", "publishedBy"));
        ObjectNode original = content.deepCopy();
        assertEquals(original.get("name").get("nb").asText(), before);
        JsonNode oldValue = nationalValueFromTheService(PLAN_SHARE, OTHER_YEAR).path("values").get(0);
        assertEquals(oldVersion, oldValue.get("definitionVersion").asInt());
        try {
            ((ObjectNode) content.get("name")).put("nb", before + " (promille)");
            content.put("factor", content.get("factor").asDouble() * 10);
            HttpResponse<String> published = publish(PLAN_SHARE, content);
            assertEquals(201, published.statusCode(), published.body());
            int newVersion = JSON.readTree(published.body()).get("definition").get("version").asInt();
            JsonNode series = nationalValueFromTheService(PLAN_SHARE, OTHER_YEAR);
            JsonNode newValue = series.path("values").get(0);
            assertEquals(newVersion, newValue.get("definitionVersion").asInt(), "the publishing answers once the values are recomputed");
            assertEquals(oldValue.get("value").asDouble() * 10, newValue.get("value").asDouble(), 1e-9, "ten times the figure before");
            String expected = nbText(newValue, series.path("indicator").path("decimals").asInt());
            assertTrue(expected.matches("[0-9]+,[0-9]+"), "a figure the page shows: " + expected);
            waitUpTo(Duration.ofSeconds(20), "the new name", d -> text(() -> card(PLAN_SHARE).findElement(By.tagName("h4"))).equals(before + " (promille)"));
            waitUpTo(Duration.ofSeconds(5), "the new figure, " + expected, d -> cardValue(PLAN_SHARE).equals(expected));
        } finally {
            HttpResponse<String> restored = publish(PLAN_SHARE, original);
            assertEquals(201, restored.statusCode(), restored.body());
        }
    }

    /**
     * After a {@code reset} the service's history may be another one (its database restored from a backup or made
     * anew), whose revisions start low again: the page must show the figures it reloads, not keep those it held
     * because their revisions were higher. (A fake EventSource plays the stream; the figures come from the real
     * service.)
     */
    @Test
    void aResetShowsTheReloadedFiguresEvenWhereTheOldOnesHadHigherRevisions() throws Exception {
        try (FakeStream stream = FakeStream.install(page)) {
            openDashboard(YEAR);
            String reloaded = cardValue(PLAN_SHARE);
            stream.send("indicator-changed", 2, nationalValue(PLAN_SHARE, 1_000_000, 98.7));
            waitUpTo(Duration.ofSeconds(5), "the streamed figure", d -> cardValue(PLAN_SHARE).equals("98,7"));
            stream.send("reset", null, JSON.createObjectNode().put("latestId", 3).put("reason", "unknown_id"));
            waitUpTo(Duration.ofSeconds(10), "the service's own figure again", d -> cardValue(PLAN_SHARE).equals(reloaded));
            waitUpTo(Duration.ofSeconds(10), "live again", d -> connection().getAttribute("data-state").equals("live"));
        }
    }

    /**
     * A value for an indicator the page has no card for (published while the page was open) has the page load the
     * catalogue again; one the new catalogue does not list either is not asked about again at each of its values.
     */
    @Test
    void aValueOfAnIndicatorThePageDoesNotKnowLoadsTheCatalogueOnce() throws Exception {
        try (FakeStream stream = FakeStream.install(page)) {
            openDashboard(YEAR);
            long before = stream.catalogueLoads();
            stream.send("indicator-changed", 2, nationalValue("goal9.published_meanwhile", 1, 12.0));
            waitUpTo(Duration.ofSeconds(10), "the catalogue loaded again", d -> stream.catalogueLoads() == before + 1);
            waitUpTo(Duration.ofSeconds(10), "the reload done", d -> stream.fetchesInFlight() == 0);
            stream.send("indicator-changed", 3, nationalValue("goal9.published_meanwhile", 2, 13.0));
            Thread.sleep(1000);
            assertEquals(before + 1, stream.catalogueLoads(), "an indicator the service does not list is not reloaded for again");
            assertEquals(0, stream.fetchesInFlight(), "nothing loaded for it");
        }
    }

    /** A national value as the stream sends it, under the version of its definition the service lists now (1 if none). */
    private static ObjectNode nationalValue(String indicator, int revision, double value) throws Exception {
        JsonNode definition = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(system.url(Service.INDICATOR)
                + "/api/indicators/" + indicator)).build(), HttpResponse.BodyHandlers.ofString()).body());
        return JSON.createObjectNode().put("indicatorId", indicator).put("definitionVersion", definition.path("version").asInt(1))
                .put("level", "country").put("areaCode", "NO").put("areaName", "Norge").put("year", YEAR).put("revision", revision)
                .put("status", "ok").put("suppressed", "none").put("value", value);
    }

    /** The country's value of {@code indicator} for {@code year} on today's borders, as the page reads it, and the indicator. */
    private static JsonNode nationalValueFromTheService(String indicator, int year) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(system.url(Service.INDICATOR) + "/api/indicators/" + indicator
                + "/values?level=country&borders=2024&from=" + year + "&to=" + year)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A value as the page writes it in bokmål: ':' withheld, '..' missing, else with a decimal comma (below 1,000, no grouping). */
    private static String nbText(JsonNode value, int decimals) {
        if (!"none".equals(value.path("suppressed").asText("none"))) {
            return ":";
        }
        if (!"ok".equals(value.path("status").asText()) || !value.path("value").isNumber()) {
            return "..";
        }
        assertTrue(Math.abs(value.get("value").asDouble()) < 1000, "a figure the page writes without grouping");
        return BigDecimal.valueOf(value.get("value").asDouble()).setScale(decimals, RoundingMode.HALF_UP).toPlainString()
                .replace('.', ',');
    }

    private static HttpResponse<String> publish(String id, JsonNode content) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(system.url(Service.INDICATOR) + "/api/indicators/" + id + "/versions"))
                .header("Authorization", "Bearer " + TestTokens.operator()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(content))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A connection that goes silent without closing (a laptop that slept, a proxy that dropped it) is dead though
     * the browser never says so: once it has missed a few of the heartbeats the service names, the page says it
     * is reconnecting and opens a new stream from the last change it saw. (A fake EventSource plays the service,
     * with heartbeats of 0.4 s.)
     */
    @Test
    void aStreamSilentForLongerThanItsHeartbeatsIsOpenedAgain() {
        openDashboard(YEAR);
        Object seen = withFakeEventSource("""
                const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
                const beat = source => source.dispatchEvent(new MessageEvent('heartbeat', { data: '{"intervalMillis":400}' }));
                const states = [];
                const stream = new LiveStream({ change: () => {}, state: s => states.push(s), reload: () => Promise.resolve() });
                stream.start();
                const first = sources[0];
                first.dispatchEvent(new Event('open'));
                beat(first);
                first.dispatchEvent(new MessageEvent('progress', { data: '{"latestId":7}', lastEventId: '7' }));
                await sleep(600);
                beat(first);
                await sleep(600);
                // Each heartbeat came within 2.5 intervals of what came before.
                const whileBeating = [states[states.length - 1], first.readyState, sources.length];
                for (let i = 0; i < 50 && sources.length < 2; i++) await sleep(100);
                const afterSilence = [states.includes('reconnecting'), first.readyState, sources.length, sources[1] && sources[1].url];
                sources[1].dispatchEvent(new Event('open'));
                // A long interval for the new stream, so that it stays quietly open until the next test's page.
                sources[1].dispatchEvent(new MessageEvent('heartbeat', { data: '{"intervalMillis":600000}' }));
                sources[1].dispatchEvent(new MessageEvent('progress', { data: '{"latestId":7}', lastEventId: '7' }));
                done([...whileBeating, ...afterSilence, states[states.length - 1]]);
                """);
        assertEquals(List.of("live", 1L, 1L, true, 2L, 2L, "api/stream?borders=2024&lastEventId=7", "live"), seen,
                "live while the heartbeats come; after a silence the dead stream is closed and another opened from event 7");
    }

    /**
     * A connection the service opens and then fails at once (its database away: the service answers before it
     * has read its change log) never shows as live, so the status a screen reader reads out does not flip every
     * few seconds; one that holds is live after a moment, or at once with an event from the change log.
     */
    @Test
    void aStreamThatFailsAsItOpensIsNeverShownLive() {
        openDashboard(YEAR);
        Object seen = withFakeEventSource("""
                const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
                const states = [];
                const stream = new LiveStream({ change: () => {}, state: s => states.push(s), reload: () => Promise.resolve() });
                stream.start();
                const source = sources[0];
                for (let i = 0; i < 3; i++) {
                  source.dispatchEvent(new Event('open'));
                  source.dispatchEvent(new MessageEvent('heartbeat', { data: '{"intervalMillis":15000}' }));
                  source.readyState = 0; // the browser tries again by itself
                  source.dispatchEvent(new Event('error'));
                  source.readyState = 1;
                }
                await sleep(2000);
                const failing = [...states];
                source.dispatchEvent(new Event('open'));
                await sleep(2000);
                const held = states[states.length - 1];
                done([failing.includes('live'), failing[failing.length - 1], held]);
                """);
        assertEquals(List.of(false, "reconnecting", "live"), seen, "never live while each connection fails; live once one holds");
    }

    /**
     * A value cell is rewritten only when it would read otherwise, so that redrawing for a change elsewhere (or a
     * mark that ran out) does not take a screen reader's place on it; and a change the page fails to draw still
     * moves the stream's resume point on.
     */
    @Test
    void aCellIsRewrittenOnlyWhenItReadsOtherwise() {
        openDashboard(YEAR);
        Object seen = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([import('./dashboard/value-cell.js'), import('./dashboard/stream.js')]).then(([{ fillValue }, { LiveStream }]) => {
                  const td = document.createElement('td');
                  const v = { status: 'ok', value: 15.25, suppressed: 'none' };
                  fillValue(td, v, 1, false);
                  const span = td.firstChild;
                  fillValue(td, { ...v }, 1, false);
                  const kept = td.firstChild === span;
                  fillValue(td, { ...v, value: 16 }, 1, false);
                  const rewritten = td.firstChild !== span && td.textContent.startsWith('16');

                  const stream = new LiveStream({ change: () => { throw new Error('drawing failed'); }, reload: () => {}, state: () => {} });
                  let thrown = false;
                  try {
                    stream.placed({ lastEventId: '77' }, () => stream.handlers.change({}));
                  } catch (e) {
                    thrown = true;
                  }
                  import('./dashboard/national.js').then(({ NationalView }) => {
                    const root = document.createElement('div');
                    document.body.append(root);
                    const d = { id: 'goal1.example', goal: '1', unit: 'percent', decimals: 1, name: { nb: 'Eksempel', en: 'Example' } };
                    const values = new Map([[2021, { ...v, year: 2021 }]]);
                    const ctx = { lang: () => 'nb', catalogue: [d], years: [2021], year: 2021, definition: () => d,
                      store: { get: (id, level, area, year) => values.get(year), justChanged: () => false } };
                    const view = new NationalView(root, ctx);
                    view.render();
                    const figure = root.querySelector('.figure .value');
                    view.update(d.id); // as for a mark that ran out elsewhere
                    const figureKept = root.querySelector('.figure .value') === figure;
                    root.remove();
                    done([kept, rewritten, thrown, stream.lastEventId, figureKept]);
                  }, e => done(String(e)));
                }, e => done(String(e)));
                """);
        assertEquals(List.of(true, true, true, "77", true), seen);
    }

    /**
     * An indicator chosen for the county table stays chosen while the page redraws before its figures are in, and
     * the indicators passed on the way to it with the arrow keys are not loaded.
     */
    @Test
    void aCountyIndicatorChosenWhileThePageRedrawsStaysChosen() {
        openDashboard(YEAR);
        Object seen = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./dashboard/counties.js').then(({ CountyView }) => {
                  const select = document.createElement('select');
                  let figuresIn;
                  let onAsked;
                  const asked = [];
                  const ctx = { lang: () => 'nb', definition: () => null, counties: [], year: 2021,
                    catalogue: [{ id: 'a', name: { nb: 'A' }, personCounts: ['numerator'] }, { id: 'b', name: { nb: 'B' } }],
                    loadCounties: id => new Promise(resolve => { asked.push(id); figuresIn = resolve; onAsked(); }) };
                  const view = new CountyView(select, document.createElement('table'), document.createElement('div'),
                    document.createElement('p'), ctx);
                  view.fillSelect();
                  const loadAsked = new Promise(resolve => { onAsked = resolve; });
                  for (const id of ['b', 'a', 'b']) { // the arrow keys, down, up, down
                    select.value = id;
                    select.dispatchEvent(new Event('change'));
                  }
                  view.fillSelect(); // another load (a year, a reset) ends first and redraws the page
                  const whileLoading = select.value;
                  loadAsked.then(() => {
                    figuresIn();
                    setTimeout(() => done([whileLoading, select.value, view.indicatorId, asked]), 1000);
                  });
                }, e => done(String(e)));
                """);
        assertEquals(List.of("b", "b", "b", List.of("b")), seen,
                "the list keeps the choice, the table switches to it once its figures are in, and only its figures are loaded");
    }

    /** The page's texts are tried again when the service answers with an error page, as it may while it restarts. */
    @Test
    void theTextsAreTriedAgainWhenTheServiceAnswersWithAnError() {
        openDashboard(YEAR);
        Object seen = page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const real = window.fetch;
                let refused = 0;
                window.fetch = (url, ...rest) => {
                  if (String(url).endsWith('texts/nb.json') && refused++ === 0) {
                    return Promise.resolve(new Response('<html>502 Bad Gateway</html>', { status: 502 }));
                  }
                  return real(url, ...rest);
                };
                // A module instance of its own, not the page's.
                import('./dashboard/i18n.js?retried').then(async i18n => {
                  const failures = [];
                  await i18n.loadTexts(e => failures.push(e.message));
                  window.fetch = real;
                  done([failures, i18n.t('live')]);
                }).catch(e => { window.fetch = real; done(String(e)); });
                """);
        assertEquals(List.of(List.of("the nb texts: 502"), "Direkte: verdiene oppdateres når de endrer seg."), seen);
    }

    /**
     * A year chosen with the arrow keys is loaded once the reader rests on it, not once for every year passed;
     * and each load takes the catalogue again, where an operator may have published an indicator since.
     */
    @Test
    void aYearChosenWithTheArrowKeysLoadsOnceWithTheCatalogueAgain() throws Exception {
        openDashboard(YEAR);
        long before = catalogueLoadsOnceQuiet();
        WebElement years = page.findElement(By.id("year-select"));
        years.sendKeys(org.openqa.selenium.Keys.ARROW_UP, org.openqa.selenium.Keys.ARROW_UP, org.openqa.selenium.Keys.ARROW_UP);
        int landed = YEAR - 3;
        waitUpTo(Duration.ofSeconds(15), "the year landed on", d -> completeness().contains(String.valueOf(landed)));
        Thread.sleep(1000); // long enough for a load of a year passed on the way to have begun
        assertEquals(String.valueOf(landed), years.getAttribute("value"));
        assertEquals(before + 1, catalogueLoads(), "one load, with the catalogue, for the year landed on");
    }

    /** The catalogue loads so far, once none has begun for a second (a load may follow the stream's first event). */
    private static long catalogueLoadsOnceQuiet() throws InterruptedException {
        long loads = catalogueLoads();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            long now = catalogueLoads();
            if (now == loads) {
                return now;
            }
            loads = now;
        }
        throw new AssertionError("the page kept loading the catalogue");
    }

    private static long catalogueLoads() {
        return (Long) page.executeScript(
                "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname === '/api/indicators').length");
    }

    /**
     * A load that fails (here the network is cut while the reader picks another year) is tried again until it
     * succeeds, and the page says meanwhile that the figures could not be loaded, rather than "live".
     */
    @Test
    void aFailedLoadIsShownAndTriedAgainUntilItSucceeds() throws Exception {
        URI indicators = URI.create(system.url(Service.INDICATOR));
        try (CuttableProxy network = new CuttableProxy(indicators.getHost(), indicators.getPort())) {
            openDashboard(network.url(), OTHER_YEAR);
            network.cut();
            new Select(page.findElement(By.id("year-select"))).selectByValue(String.valueOf(YEAR));
            waitUpTo(Duration.ofSeconds(10), "the failed load's notice", d -> connection().getAttribute("data-state").equals("error"));
            assertTrue(connection().getText().startsWith("Kunne ikke hente tallene"), connection().getText());
            assertTrue(completeness().contains(String.valueOf(OTHER_YEAR)), "the page still shows the year it has: " + completeness());
            network.restore();
            waitUpTo(Duration.ofSeconds(30), "the year loaded after all", d -> completeness().contains(String.valueOf(YEAR)));
            waitUpTo(Duration.ofSeconds(30), "live again", d -> connection().getAttribute("data-state").equals("live"));
        }
    }

    /** Last-Event-ID as the browser's EventSource sends it again, or as the page's own reopening puts it in the query. */
    private static boolean goesOnFromAnEvent(String request) {
        return request.lines().anyMatch(line -> line.toLowerCase().matches("last-event-id: *\\d+"))
                || request.matches("(?s)GET [^ ]*[?&]lastEventId=\\d+.*");
    }

    /** Waits until indicator-service itself (not through the page) counts {@code count} municipalities as submitted. */
    private static void awaitSubmittedByTheService(int year, int count) throws Exception {
        URI country = URI.create(system.url(Service.INDICATOR) + "/api/indicators/reporting.response_rate/values?level=country&borders=2024&from="
                + year + "&to=" + year);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode values = JSON.readTree(HTTP.send(HttpRequest.newBuilder(country).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .path("values");
            if (values.size() == 1 && values.get(0).path("numerator").asInt() == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("indicator-service did not count " + count + " municipalities as submitted for " + year + " within 20 s");
    }

    // --- the page -------------------------------------------------------------------------------------

    private static void openDashboard(int year) {
        openDashboard(system.url(Service.INDICATOR), year);
    }

    /** The dashboard as served at {@code base}: indicator-service, or a proxy in front of it. */
    private static void openDashboard(String base, int year) {
        page.get(base + "/");
        waitUpTo(Duration.ofSeconds(20), "the dashboard live with its cards", d -> connection().getAttribute("data-state").equals("live")
                && !d.findElements(By.cssSelector(".indicator-card[data-indicator='" + PLAN_SHARE + "'] .value")).isEmpty());
        waitUpTo(Duration.ofSeconds(10), "the first load", d -> !completeness().isEmpty());
        new Select(page.findElement(By.id("year-select"))).selectByValue(String.valueOf(year));
        waitUpTo(Duration.ofSeconds(10), "the year " + year, d -> completeness().contains(String.valueOf(year)));
    }

    /**
     * Runs {@code body} in the page with the stream module's {@code LiveStream} at hand and a fake EventSource in the
     * browser's place (each one made is in {@code sources}; the test plays the service through them), answering with
     * what it passes to {@code done}; the browser's own EventSource is put back then.
     */
    private static Object withFakeEventSource(String body) {
        return page.executeAsyncScript("""
                const finish = arguments[arguments.length - 1];
                const real = window.EventSource;
                const done = result => {
                  window.EventSource = real;
                  finish(result);
                };
                import('./dashboard/stream.js').then(async ({ LiveStream }) => {
                  const sources = [];
                  class FakeSource extends EventTarget {
                    constructor(url) { super(); this.url = url; this.readyState = 1; sources.push(this); }
                    close() { this.readyState = 2; }
                  }
                  FakeSource.CLOSED = 2;
                  window.EventSource = FakeSource;
                  try {
                """ + body + """
                  } catch (e) {
                    done(String(e));
                  }
                }, e => done(String(e)));
                """);
    }

    private static WebElement card(String indicator) {
        return page.findElement(By.cssSelector(".indicator-card[data-indicator='" + indicator + "']"));
    }

    private static String cardValue(String indicator) {
        return text(() -> card(indicator).findElement(By.cssSelector(".value")));
    }

    /** An element's text, found again if a live update replaced it between finding and reading. */
    private static String text(Supplier<WebElement> element) {
        for (int attempt = 1;; attempt++) {
            try {
                return element.get().getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static WebElement cell(String indicator, String level) {
        return page.findElement(By.cssSelector("#municipality-table td[data-indicator='" + indicator + "'][data-level='" + level + "']"));
    }

    private static String municipalityCell(String indicator, String level) {
        return text(() -> cell(indicator, level).findElement(By.cssSelector(".value")));
    }

    private static WebElement connection() {
        return page.findElement(By.id("connection"));
    }

    private static String completeness() {
        return text(() -> page.findElement(By.id("completeness-text")));
    }

    /** How many municipalities the page says have submitted for its year ("Ingen tall …" when none). */
    private static int submitted() {
        Matcher count = Pattern.compile("^(\\d+) (av|of) ").matcher(completeness());
        return count.find() ? Integer.parseInt(count.group(1)) : 0;
    }

    private static void waitUpTo(Duration timeout, String what, Function<WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(page, timeout, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            browser.screenshot("failed-" + what.replaceAll("\\W+", "-"));
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; the page says \"" + connection().getText()
                    + "\"; its console:\n" + browser.console(), e);
        }
    }

    /** A complete form from a municipality with three users: every share of users is built on fewer than five persons. */
    private static String smallAnswers() throws Exception {
        ObjectNode answers = (ObjectNode) JSON.readTree(Answers.standard(3));
        for (String count : List.of("users_with_individual_plan", "users_with_crisis_plan", "users_rop", "users_meaningful_activity",
                "users_in_work", "users_homeless")) {
            answers.put(count, 1);
        }
        return answers.toString();
    }
}

//! `explain` as text: how the message was read (and what would decide it), what is assumed,
//! the requests and answers, the standard's steps with their links, each engine's verdict and
//! console line, where the engines differ, and the fix with its snippets. Styled only where
//! the terminal takes colour; everything from outside goes through `render::printable`.

use super::snippets::FixKind;
use super::{EngineReport, Explanation, FixReport, Group, Missing, Reading, Report, Verdict};
use crate::render::{
    BAD, DIM, GOOD, HEADING, WARN, console_text, header_text, names, printable, request_text,
    resolved_text, status_text, styled, wire_heading,
};
use std::fmt::Write as _;

/// The whole report.
pub fn report(report: &Report) -> String {
    let mut text = String::new();
    if let Some(reading) = &report.reading {
        reading_text(&mut text, reading);
    }
    if !report.notes.is_empty() {
        let _ = writeln!(text, "{}", styled(WARN, "Notes"));
        for note in &report.notes {
            let _ = writeln!(text, "  - {}", printable(note));
        }
        text.push('\n');
    }
    if let super::Input::Vector {
        description: Some(description),
        ..
    } = &report.input
    {
        text.push_str(&styled(DIM, &wrap(&printable(description), "", 96)));
        text.push('\n');
    }
    for (i, explanation) in report.explanations.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(text, "\n{}", styled(DIM, &"=".repeat(78)));
        }
        explanation_text(&mut text, explanation);
    }
    text
}

/// Words wrapped at `width` columns after `indent`.
fn wrap(words: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in words.split(' ') {
        if !line.is_empty() && indent.len() + line.len() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

fn reading_text(text: &mut String, reading: &Reading) {
    let kept: Vec<_> = reading
        .candidates
        .iter()
        .filter(|c| c.reproduced || reading.candidates.iter().all(|c| !c.reproduced))
        .collect();
    let engines: Vec<&str> = reading
        .engines
        .iter()
        .map(|e| super::engine_title(*e))
        .collect();
    let console = engines.join(" or ");
    if !reading.ambiguous {
        let candidate = &kept[0];
        let _ = writeln!(
            text,
            "{} {}",
            styled(HEADING, &format!("Read as {console}'s console message:")),
            styled(BAD, candidate.reason)
        );
        let _ = writeln!(text, "  {}", printable(&candidate.description));
    } else {
        let _ = writeln!(
            text,
            "{}",
            styled(
                HEADING,
                &format!(
                    "Read as {console}'s console message, printed for {} reasons: the message \
                     alone does not decide which",
                    kept.len()
                )
            )
        );
        if kept.len() <= 8 {
            let width = kept.iter().map(|c| c.reason.len()).max().unwrap_or(0);
            for candidate in &kept {
                let mark = if candidate.reason == reading.explained {
                    styled(GOOD, &format!("  <- explained below{}", why(reading)))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    text,
                    "  {:<width$}  {}{mark}",
                    candidate.reason,
                    printable(&candidate.description)
                );
            }
        } else {
            let names: Vec<&str> = kept.iter().map(|c| c.reason).collect();
            text.push_str(&wrap(&names.join(", "), "  ", 96));
            let _ = writeln!(
                text,
                "  {}",
                styled(
                    GOOD,
                    &format!("explained below: {}{}", reading.explained, why(reading))
                )
            );
        }
        let _ = writeln!(text, "\n{}", styled(HEADING, "What would decide it"));
        for question in &reading.questions {
            let wrapped = wrap(&printable(question), "    ", 96);
            let _ = write!(text, "  - {}", wrapped.trim_start());
        }
        let hint = wrap(
            "--reason NAME explains another reading; with the server's answers in hand, \
             `cors-sim explain URL --origin ORIGIN --response FILE` decides it.",
            "  ",
            96,
        );
        text.push_str(&styled(DIM, &hint));
    }
    let _ = writeln!(
        text,
        "\n{}",
        styled(HEADING, "What the message says, and what is assumed")
    );
    for (title, list) in [
        ("From the message", &reading.said),
        ("Implied by the reason", &reading.implied),
        ("Assumed (the message does not say)", &reading.assumed),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(text, "  {title}:");
        for item in list {
            let wrapped = wrap(&printable(item), "      ", 96);
            let _ = write!(text, "    - {}", wrapped.trim_start());
        }
    }
    text.push('\n');
}

/// Why the reading explained is that one.
fn why(reading: &Reading) -> &'static str {
    match reading.chosen {
        "asked" => " (--reason)",
        _ => " (the most common)",
    }
}

/// The DevTools issue and MDN page, on one line.
fn references_text(
    text: &mut String,
    indent: &str,
    devtools: &Option<super::DevtoolsIssue>,
    mdn: &Option<super::MdnPage>,
) {
    let mut parts = Vec::new();
    if let Some(issue) = devtools {
        parts.push(format!(
            "DevTools issue {} ({})",
            issue.code, issue.description
        ));
    }
    if let Some(page) = mdn {
        parts.push(format!("MDN {}", page.url));
    }
    if !parts.is_empty() {
        let _ = writeln!(
            text,
            "{indent}{} {}",
            styled(DIM, "Read more:"),
            parts.join("; ")
        );
    }
}

fn explanation_text(text: &mut String, e: &Explanation) {
    if let Some(heading) = &e.heading {
        let _ = writeln!(text, "{}", styled(HEADING, &printable(heading)));
        if let Some(expect) = &e.expect {
            let _ = writeln!(text, "  the vector expects: {}", printable(expect));
        }
        text.push('\n');
    }
    let request = &e.request;
    let _ = writeln!(
        text,
        "{} {} {}",
        styled(HEADING, "The page"),
        printable(&request.page),
        styled(HEADING, "calls")
    );
    let _ = writeln!(text, "  {}", printable(&request.call));
    for group in &e.exchange {
        group_text(text, group, e.exchange.len() == 1);
    }
    if !e.trace.is_empty() {
        let _ = writeln!(
            text,
            "\n{}",
            styled(HEADING, "What the standard decides, step by step")
        );
        for step in &e.trace {
            let _ = writeln!(text, "{:>4}. {}", step.step, printable(&step.text));
            let _ = writeln!(
                text,
                "      {}",
                styled(DIM, &format!("{}: {}", step.algorithm, step.link))
            );
        }
    }
    let _ = writeln!(text, "\n{}", styled(HEADING, "What each engine does"));
    for engine in &e.engines {
        verdict_text(text, engine);
    }
    agreement_text(text, e);
    if !e.fixes.is_empty() {
        let _ = writeln!(
            text,
            "\n{}",
            styled(HEADING, "The fix, for the server's owner")
        );
        let several = e.fixes.len() > 1 || e.fixes[0].engines.len() < e.engines.len();
        for fix in &e.fixes {
            fix_text(text, fix, several);
        }
    }
    if !e.missing.is_empty() {
        let _ = writeln!(text, "\n{}", styled(WARN, "Answers missing"));
        for missing in &e.missing {
            missing_text(text, missing);
        }
    }
}

fn group_text(text: &mut String, group: &Group, everyone: bool) {
    wire_heading(
        text,
        &group.engines,
        !group.hops.is_empty(),
        everyone,
        "the same requests",
        "the fetch ended before any request",
    );
    for (i, hop) in group.hops.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        let request = &hop.request;
        let note = if request.preflight {
            styled(DIM, "  (the CORS preflight)")
        } else {
            String::new()
        };
        request_text(text, request, &note);
        match &hop.answer {
            Some(answer) => {
                let source = styled(DIM, &format!("  ({})", printable(&answer.source)));
                match answer.status {
                    Some(status) => {
                        let _ = writeln!(
                            text,
                            "  {} {}{source}",
                            styled(DIM, "<"),
                            status_text(status)
                        );
                        for line in &answer.headers {
                            header_text(text, "<", &line.0, &line.1);
                        }
                    }
                    None => {
                        let _ = writeln!(
                            text,
                            "  {} {}{source}",
                            styled(DIM, "<"),
                            styled(WARN, "no response: the connection failed")
                        );
                    }
                }
            }
            None => {
                let _ = writeln!(
                    text,
                    "  {} {}",
                    styled(DIM, "<"),
                    styled(WARN, "(no answer given)")
                );
            }
        }
    }
}

fn verdict_text(text: &mut String, engine: &EngineReport) {
    let name = format!("{:<9}", engine.engine.as_str());
    match engine.verdict {
        Verdict::Readable | Verdict::Opaque => {
            let response = engine.response.as_ref().expect("a response");
            resolved_text(
                text,
                &name,
                engine.verdict == Verdict::Opaque,
                engine.preflighted,
                response,
            );
        }
        Verdict::Blocked | Verdict::NoResponse => {
            let word = match engine.verdict {
                Verdict::Blocked => styled(BAD, "blocked"),
                _ => styled(WARN, "no response"),
            };
            let _ = writeln!(
                text,
                "  {name} {word}  {}: {}",
                engine.reason.unwrap_or_default(),
                printable(engine.description.as_deref().unwrap_or_default())
            );
            console_text(text, engine.console.as_deref());
        }
        Verdict::Throws => {
            let _ = writeln!(
                text,
                "  {name} {}  fetch() throws before any request: {}",
                styled(BAD, "throws"),
                printable(engine.description.as_deref().unwrap_or_default())
            );
        }
        Verdict::Incomplete => {
            let _ = writeln!(
                text,
                "  {name} {}  a request needs an answer none was given (below)",
                styled(WARN, "undecided")
            );
        }
    }
}

fn agreement_text(text: &mut String, e: &Explanation) {
    let browsers: Vec<&EngineReport> = e
        .engines
        .iter()
        .filter(|r| r.engine != cors_sim::Engine::Spec)
        .collect();
    let departures: Vec<String> = browsers
        .iter()
        .flat_map(|r| {
            r.departures
                .iter()
                .map(move |d| format!("{} {}", r.engine, d.field))
        })
        .collect();
    if e.engines.iter().any(|r| r.verdict == Verdict::Incomplete) {
        return;
    }
    if e.agree {
        let _ = writeln!(
            text,
            "  {}",
            styled(
                DIM,
                "Chromium, Firefox and WebKit agree with the standard here."
            )
        );
        if !departures.is_empty() {
            let line = format!(
                "(where they depart from it, without changing this outcome: {})",
                departures.join(", ")
            );
            text.push_str(&styled(DIM, &wrap(&line, "  ", 96)));
        }
        return;
    }
    let _ = writeln!(
        text,
        "\n{}",
        styled(
            HEADING,
            "Why the engines differ: where each departs from the standard (profile fields)"
        )
    );
    let mut none = Vec::new();
    let mut cache_notes = Vec::new();
    // The first fetch of a browser starts from an empty preflight cache: how an engine keeps
    // results cannot decide it (a later step of a vector may hit what an earlier one stored).
    let first = e.step.unwrap_or(0) == 0;
    for engine in &browsers {
        let (cache, verdict): (Vec<_>, Vec<_>) = engine
            .departures
            .iter()
            .partition(|d| first && d.field.starts_with("cache."));
        if verdict.is_empty() {
            none.push(engine.engine);
        } else {
            let _ = writeln!(text, "  {}:", engine.engine);
            for departure in verdict {
                let line = format!("step {}: {}", departure.step, departure.text);
                text.push_str(&wrap(&printable(&line), "    ", 96));
            }
        }
        let mut fields: Vec<&str> = Vec::new();
        for departure in cache {
            if !fields.contains(&departure.field) {
                fields.push(departure.field);
            }
        }
        if !fields.is_empty() {
            cache_notes.push(format!("{} {}", engine.engine, fields.join(", ")));
        }
    }
    if !none.is_empty() {
        let _ = writeln!(
            text,
            "  {}: no departure from the standard that decides this fetch",
            names(&none)
        );
    }
    if !cache_notes.is_empty() {
        let line = format!(
            "(a single fetch starts from an empty preflight cache, so how each keeps preflight \
             results does not decide it: {})",
            cache_notes.join("; ")
        );
        text.push_str(&styled(DIM, &wrap(&line, "  ", 96)));
    }
}

fn fix_text(text: &mut String, fix: &FixReport, several: bool) {
    if several {
        let _ = writeln!(
            text,
            "  {}",
            styled(
                HEADING,
                &format!("{} ({}):", names(&fix.engines), fix.reason)
            )
        );
    }
    text.push_str(&wrap(&printable(&fix.text), "  ", 96));
    if !fix.snippets.is_empty() {
        let placeholder = if fix.placeholder_origin {
            " (the origin in them stands for your page's)"
        } else {
            ""
        };
        // A refusal is fixed only if the origin should get in; a fault always.
        let lead = match fix.kind {
            Some(FixKind::AnswerPreflight | FixKind::OneAllowOrigin) | None => {
                "One setting does it"
            }
            Some(_) => "If it should get in, one setting does it",
        };
        let _ = writeln!(
            text,
            "  {}",
            styled(
                HEADING,
                &format!("{lead}{placeholder}; keep what you allow already:")
            )
        );
        let width = fix
            .snippets
            .iter()
            .map(|s| s.label.len())
            .max()
            .unwrap_or(0);
        for snippet in &fix.snippets {
            for (i, line) in snippet.code.lines().enumerate() {
                let label = if i == 0 { snippet.label } else { "" };
                let _ = writeln!(text, "    {label:<width$}  {}", printable(line));
            }
        }
    }
    references_text(text, "  ", &fix.devtools_issue, &fix.mdn);
}

fn missing_text(text: &mut String, missing: &Missing) {
    let what = if missing.preflight {
        "the CORS preflight"
    } else {
        "the request"
    };
    let line = format!(
        "{} sent {} {} ({what}), and no {} FILE answers it. Ask the server for it as the \
         browser does, and give the output with {}:",
        names(&missing.engines),
        missing.method,
        missing.url,
        missing.option,
        missing.option
    );
    text.push_str(&wrap(&printable(&line), "  ", 96));
    let _ = writeln!(text, "    {}", printable(&missing.curl));
}

//! Known-answer tests for the judge prompt and the parsing of its grade.

use super::*;

#[test]
fn messages_are_a_system_then_a_user_message() {
    let messages = judge_messages(
        "Is the answer correct and concise?",
        "What is the capital of France?",
        "Paris",
        "It is Paris.",
    );
    assert_eq!(messages.len(), 2);
    let (system_role, system) = &messages[0];
    let (user_role, user) = &messages[1];
    assert_eq!(*system_role, "system");
    assert_eq!(*user_role, "user");
    assert!(system.contains("rubric"));
    assert!(system.contains("SCORE: <number from 0 to 10>"));
    assert!(user.contains("<rubric>\nIs the answer correct and concise?\n</rubric>"));
    assert!(user.contains("<question>\nWhat is the capital of France?\n</question>"));
    assert!(user.contains("<reference_answer>\nParis\n</reference_answer>"));
    assert!(user.contains("<answer>\nIt is Paris.\n</answer>"));
    let order = ["<rubric>", "<question>", "<reference_answer>", "<answer>"]
        .map(|tag| user.find(tag).unwrap());
    assert!(order.is_sorted());
}

#[test]
fn empty_reference_is_left_out() {
    let messages = judge_messages("Be polite.", "Say hi", "", "Hello!");
    let user = &messages[1].1;
    assert!(!user.contains("reference_answer"));
    assert!(user.contains("<answer>\nHello!\n</answer>"));
}

#[test]
fn the_system_prompt_can_be_parsed_back_only_from_a_real_score() {
    // The instructions mention the SCORE format but carry no number, so echoing them back
    // is not mistaken for a grade.
    let messages = judge_messages("r", "q", "e", "o");
    assert!(matches!(
        parse_judge_score(&messages[0].1),
        Err(JudgeError::NoScore { .. })
    ));
}

#[test]
fn parses_the_accepted_forms() {
    let cases = [
        ("SCORE: 7", 0.7),
        ("The answer is right.\nSCORE: 10", 1.0),
        ("score:0", 0.0),
        ("Score = 7", 0.7),
        ("score: 7/10", 0.7),
        ("SCORE: 7 / 10", 0.7),
        ("Score: 8.5", 0.85),
        ("SCORE : 3.", 0.3),
        ("**Score:** 6", 0.6),
        ("**SCORE: 9**", 0.9),
        ("Final score: 4/10.0", 0.4),
        ("SCORE: +5", 0.5),
        ("SCORE: -0", 0.0),
    ];
    for (answer, expected) in cases {
        assert_eq!(
            parse_judge_score(answer),
            Ok(expected),
            "answer: {answer:?}"
        );
    }
}

#[test]
fn the_last_score_wins() {
    let answer = "On a scale where SCORE: 0 is worst, I first thought SCORE: 4.\n\
        On reflection it deserves more.\nSCORE: 8";
    assert_eq!(parse_judge_score(answer), Ok(0.8));
}

#[test]
fn a_last_label_without_a_number_is_an_error_even_after_a_good_one() {
    let answer = "SCORE: 6\nActually, let me restate. SCORE: N/A";
    assert_eq!(
        parse_judge_score(answer),
        Err(JudgeError::NoScore {
            excerpt: "SCORE: N/A".to_owned()
        })
    );
}

#[test]
fn no_label_is_an_error_not_a_zero() {
    assert_eq!(
        parse_judge_score(""),
        Err(JudgeError::NoScore {
            excerpt: String::new()
        })
    );
    assert_eq!(
        parse_judge_score("I would rate this 7 out of 10."),
        Err(JudgeError::NoScore {
            excerpt: "I would rate this 7 out of 10.".to_owned()
        })
    );
    // "underscore:" is not the word "score".
    assert!(matches!(
        parse_judge_score("underscore: 5"),
        Err(JudgeError::NoScore { .. })
    ));
    // A label must be followed by the number itself.
    assert!(matches!(
        parse_judge_score("Score: about 7"),
        Err(JudgeError::NoScore { .. })
    ));
}

#[test]
fn out_of_range_is_an_error() {
    assert_eq!(
        parse_judge_score("SCORE: 11"),
        Err(JudgeError::OutOfRange(11.0))
    );
    assert_eq!(
        parse_judge_score("SCORE: -1"),
        Err(JudgeError::OutOfRange(-1.0))
    );
    assert_eq!(
        parse_judge_score("SCORE: 10.5"),
        Err(JudgeError::OutOfRange(10.5))
    );
    assert_eq!(
        parse_judge_score("SCORE: 85"),
        Err(JudgeError::OutOfRange(85.0))
    );
}

#[test]
fn another_scale_is_an_error() {
    assert_eq!(
        parse_judge_score("Score: 4/5"),
        Err(JudgeError::WrongScale {
            denominator: "5".to_owned(),
            excerpt: "Score: 4/5".to_owned()
        })
    );
    assert!(matches!(
        parse_judge_score("SCORE: 70/100"),
        Err(JudgeError::WrongScale { .. })
    ));
}

#[test]
fn error_messages_quote_at_most_80_characters() {
    let rambling = format!("{}The end.", "blah ".repeat(40));
    let error = parse_judge_score(&rambling).unwrap_err();
    let JudgeError::NoScore { excerpt } = &error else {
        panic!("expected NoScore, got {error:?}");
    };
    assert_eq!(excerpt.chars().count(), 80);
    assert!(excerpt.starts_with('…'));
    assert!(excerpt.ends_with("blah The end."));

    let message = error.to_string();
    assert!(message.starts_with("the judge's answer has no `SCORE: <0-10>` line"));
    assert!(message.chars().count() < 80 + 80);

    let long_label = format!("SCORE: {}", "é".repeat(200));
    let JudgeError::NoScore { excerpt } = parse_judge_score(&long_label).unwrap_err() else {
        panic!("expected NoScore");
    };
    assert_eq!(excerpt.chars().count(), 80);
    assert!(excerpt.starts_with("SCORE: éé"));
    assert!(excerpt.ends_with('…'));
}

#[test]
fn excerpts_are_on_one_line() {
    let JudgeError::NoScore { excerpt } =
        parse_judge_score("Good answer.\n\n  No grade given.").unwrap_err()
    else {
        panic!("expected NoScore");
    };
    assert_eq!(excerpt, "Good answer. No grade given.");
}

#[test]
fn error_messages_read_well() {
    assert_eq!(
        JudgeError::OutOfRange(11.0).to_string(),
        "the judge gave a score of 11, outside the 0 to 10 scale"
    );
    assert_eq!(
        JudgeError::WrongScale {
            denominator: "5".to_owned(),
            excerpt: "Score: 4/5".to_owned()
        }
        .to_string(),
        "the judge scored out of 5 instead of 10: \"Score: 4/5\""
    );
    assert_eq!(
        JudgeError::NoScore {
            excerpt: "Looks fine.".to_owned()
        }
        .to_string(),
        "the judge's answer has no `SCORE: <0-10>` line with a number: \"Looks fine.\""
    );
}

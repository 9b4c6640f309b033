//! The generated documents read back into the core's types, complete in every language.

use std::path::PathBuf;

use tuoke_core::content::{all_paths, Document, Playbooks, QuizTexts};
use tuoke_core::i18n::Lang;
use tuoke_core::playbook::ObjectionId;
use tuoke_core::quiz::KEYS;
use tuoke_core::types::{Grade, Stage};

fn generated(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tuoke-content-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    tuoke_content::write_all(&dir).unwrap();
    dir
}

fn read<D: Document>(root: &std::path::Path, lang: Lang) -> D {
    let bytes = std::fs::read(root.join(D::path(lang))).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn every_document_is_written_for_every_language_and_nothing_else() {
    let root = generated("paths");
    let mut found = Vec::new();
    for lang in std::fs::read_dir(root.join("content")).unwrap() {
        for file in std::fs::read_dir(lang.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            found.push(
                path.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    found.sort();
    let mut expected = all_paths();
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(expected.len(), 6);
}

#[test]
fn generated_playbooks_read_back_equal_and_complete_in_each_language() {
    let root = generated("playbooks");
    for lang in Lang::ALL {
        let doc: Playbooks = read(&root, lang);
        assert_eq!(doc, Playbooks::build(lang));
        assert_eq!(doc.lang(), lang);
        doc.check().unwrap();
        for stage in Stage::ALL {
            assert!(!doc.stage(stage).unwrap().goals.is_empty(), "{stage:?}");
        }
        for grade in Grade::ALL {
            assert!(doc.grade(grade).is_some(), "{grade:?}");
        }
        assert!(doc.objection(ObjectionId::BadExperience).is_some());
    }
    let en: Playbooks = read(&root, Lang::En);
    let hant: Playbooks = read(&root, Lang::ZhHant);
    assert!(en.mottos[0].contains("Relationship maintenance"));
    assert!(hant.mottos[0].contains("客戶關係維護"));
}

#[test]
fn generated_quiz_texts_read_back_equal_with_every_question_and_option() {
    let root = generated("quiz");
    for lang in Lang::ALL {
        let doc: QuizTexts = read(&root, lang);
        assert_eq!(doc, QuizTexts::build(lang));
        doc.check().unwrap();
        assert_eq!(doc.questions.len(), KEYS.len());
        for key in &KEYS {
            let q = doc.question(key.id).unwrap();
            assert_eq!(q.options.len(), usize::from(key.options), "{:?}", key.id);
        }
    }
}

#[test]
fn a_document_missing_a_key_or_text_fails_the_check() {
    let mut doc = Playbooks::build(Lang::En);
    doc.stages.retain(|s| s.stage != Stage::Demo);
    assert!(doc.check().unwrap_err().contains("Demo"));
    let mut doc = Playbooks::build(Lang::ZhHans);
    doc.objections[3].response = " ".into();
    assert!(doc.check().is_err());
    let mut quiz = QuizTexts::build(Lang::ZhHant);
    quiz.questions[0].options.pop();
    assert!(quiz.check().unwrap_err().contains("options"));
    let mut quiz = QuizTexts::build(Lang::En);
    quiz.questions.pop();
    assert!(quiz.check().unwrap_err().contains("missing"));
}

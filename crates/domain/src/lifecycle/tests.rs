//! The transition table written out by hand, the rules one by one, and random command
//! sequences.

use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

const OWNER: Uuid = Uuid::from_u128(1);
const COSIGNER_A: Uuid = Uuid::from_u128(2);
const COSIGNER_B: Uuid = Uuid::from_u128(3);
const OFFICER: Uuid = Uuid::from_u128(4);
const STRANGER: Uuid = Uuid::from_u128(5);

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap()
}

/// A representative state for each status, with one pending co-signer
/// so that a co-signature completes the case.
fn state_in(status: CaseStatus) -> CaseState {
    let phase = match status {
        CaseStatus::Draft => CasePhase::Draft { signed: true },
        CaseStatus::AwaitingCosignature => CasePhase::AwaitingCosignature {
            pending: BTreeSet::from([COSIGNER_A]),
        },
        CaseStatus::Submitted => CasePhase::Submitted { assigned_to: None },
        CaseStatus::InProgress => CasePhase::InProgress {
            officer_id: OFFICER,
        },
        CaseStatus::Closed => CasePhase::Closed {
            outcome: CaseOutcome::Decided,
            closed_at: at(),
        },
    };
    CaseState {
        owner_id: OWNER,
        revision: 1,
        answers_revision: 1,
        phase,
    }
}

/// A draft that has been signed.
fn signed_draft() -> CaseState {
    state_in(CaseStatus::Draft)
}

/// A command of `kind` whose own preconditions are all met.
fn valid_command(kind: CaseCommandKind) -> CaseCommand {
    match kind {
        CaseCommandKind::SaveAnswers => CaseCommand::SaveAnswers {
            expected_revision: 1,
        },
        CaseCommandKind::AddAttachment => CaseCommand::AddAttachment {
            attachment_id: Uuid::from_u128(10),
            field_id: "photo".to_owned(),
            files_in_field: 0,
            max_files: 1,
        },
        CaseCommandKind::RemoveAttachment => CaseCommand::RemoveAttachment {
            attachment_id: Uuid::from_u128(10),
            field_id: "photo".to_owned(),
        },
        CaseCommandKind::RecordSignature => CaseCommand::RecordSignature { signed_revision: 1 },
        CaseCommandKind::Submit => CaseCommand::Submit {
            complete: true,
            signature_required: true,
        },
        CaseCommandKind::RequestCosignature => CaseCommand::RequestCosignature {
            complete: true,
            cosigners: vec![COSIGNER_A, COSIGNER_B],
        },
        CaseCommandKind::Cosign => CaseCommand::Cosign,
        CaseCommandKind::DeclineCosignature => CaseCommand::DeclineCosignature,
        CaseCommandKind::ExpireCosignature => CaseCommand::ExpireCosignature,
        CaseCommandKind::WithdrawCosignature => CaseCommand::WithdrawCosignature,
        CaseCommandKind::StartHandling => CaseCommand::StartHandling {
            officer_id: OFFICER,
        },
        CaseCommandKind::Close => CaseCommand::Close {
            outcome: CaseOutcome::Decided,
            decision: Some("Bygglov beviljas.".to_owned()),
        },
        CaseCommandKind::Assign => CaseCommand::Assign {
            officer_id: STRANGER,
        },
        CaseCommandKind::PublishStatusNote => CaseCommand::PublishStatusNote {
            text: "Vi har beställt en reparation".to_owned(),
        },
        CaseCommandKind::PostCitizenMessage => CaseCommand::PostCitizenMessage {
            message_id: Uuid::from_u128(20),
            reply_window_days: 30,
        },
        CaseCommandKind::PostOfficerMessage => CaseCommand::PostOfficerMessage {
            message_id: Uuid::from_u128(21),
        },
        CaseCommandKind::Reopen => CaseCommand::Reopen {
            reason: "Överklagat beslut".to_owned(),
        },
        CaseCommandKind::DeleteDraft => CaseCommand::DeleteDraft,
        CaseCommandKind::ExpireDraft => CaseCommand::ExpireDraft,
    }
}

/// The actor entitled to issue `kind`.
fn entitled_actor(kind: CaseCommandKind) -> Actor {
    match kind.allowed_role() {
        ActorRole::Citizen => Actor::Citizen { id: OWNER },
        ActorRole::Cosigner => Actor::Cosigner { id: COSIGNER_A },
        ActorRole::Officer => Actor::Officer { id: OFFICER },
        ActorRole::System => Actor::System,
    }
}

fn every_actor() -> [Actor; 7] {
    [
        Actor::Citizen { id: OWNER },
        Actor::Citizen { id: STRANGER },
        Actor::Cosigner { id: COSIGNER_A },
        Actor::Cosigner { id: STRANGER },
        Actor::Officer { id: OFFICER },
        Actor::Officer { id: STRANGER },
        Actor::System,
    ]
}

/// Expected result of a legal command: the event name and the status
/// after applying it (`None`: the case is removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Illegal,
    Legal(&'static str, Option<CaseStatus>),
}

use CaseStatus::{AwaitingCosignature, Closed, Draft, InProgress, Submitted};
use Expect::{Illegal, Legal as To};

/// The transition table, written out by hand. Columns follow
/// `CaseCommandKind::ALL`: SaveAnswers, AddAttachment, RemoveAttachment,
/// RecordSignature, Submit, RequestCosignature, Cosign,
/// DeclineCosignature, ExpireCosignature, WithdrawCosignature,
/// StartHandling, Close, Reopen, DeleteDraft, ExpireDraft, Assign,
/// PublishStatusNote, PostCitizenMessage, PostOfficerMessage.
const TABLE: [(CaseStatus, [Expect; 19]); 5] = [
    (
        Draft,
        [
            To("answers_saved", Some(Draft)),
            To("attachment_added", Some(Draft)),
            To("attachment_removed", Some(Draft)),
            To("draft_signed", Some(Draft)),
            To("case_submitted", Some(Submitted)),
            To("cosignature_requested", Some(AwaitingCosignature)),
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("draft_deleted", None),
            To("draft_expired", None),
            Illegal,
            Illegal,
            Illegal,
            Illegal,
        ],
    ),
    (
        AwaitingCosignature,
        [
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("case_cosigned", Some(Submitted)),
            To("cosignature_declined", Some(Draft)),
            To("cosignature_expired", Some(Draft)),
            To("cosignature_withdrawn", Some(Draft)),
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
        ],
    ),
    (
        Submitted,
        [
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("handling_started", Some(InProgress)),
            To("case_closed", Some(Closed)),
            Illegal,
            Illegal,
            Illegal,
            To("case_assigned", Some(Submitted)),
            To("status_note_published", Some(Submitted)),
            To("message_posted", Some(Submitted)),
            To("message_posted", Some(Submitted)),
        ],
    ),
    (
        InProgress,
        [
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("case_closed", Some(Closed)),
            Illegal,
            Illegal,
            Illegal,
            To("case_assigned", Some(InProgress)),
            To("status_note_published", Some(InProgress)),
            To("message_posted", Some(InProgress)),
            To("message_posted", Some(InProgress)),
        ],
    ),
    (
        Closed,
        [
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("case_reopened", Some(InProgress)),
            Illegal,
            Illegal,
            Illegal,
            Illegal,
            To("message_posted", Some(Closed)),
            To("message_posted", Some(Closed)),
        ],
    ),
];

fn expected(status: CaseStatus, kind: CaseCommandKind) -> Expect {
    let row = TABLE.iter().find(|(s, _)| *s == status).unwrap();
    let column = CaseCommandKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap();
    row.1[column]
}

#[test]
fn the_expected_table_covers_every_status_exactly_once() {
    for status in CaseStatus::ALL {
        assert_eq!(TABLE.iter().filter(|(s, _)| *s == status).count(), 1);
    }
}

#[test]
fn every_state_and_command_pair_matches_the_transition_table() {
    for status in CaseStatus::ALL {
        let state = state_in(status);
        for kind in CaseCommandKind::ALL {
            let result = decide(&state, valid_command(kind), at(), entitled_actor(kind));
            match expected(status, kind) {
                Illegal => assert_eq!(
                    result,
                    Err(TransitionError::IllegalTransition {
                        from: status,
                        command: kind,
                    }),
                    "{status} × {kind}"
                ),
                To(event_name, next) => {
                    let event = result.unwrap_or_else(|e| panic!("{status} × {kind}: {e}"));
                    assert_eq!(event.kind.name(), event_name, "{status} × {kind}");
                    assert_eq!(event.at, at());
                    assert_eq!(event.actor, entitled_actor(kind));
                    let after = apply(&state, &event).unwrap();
                    assert_eq!(after.map(|s| s.status()), next, "{status} × {kind}");
                }
            }
        }
    }
}

#[test]
fn an_illegal_pair_is_reported_as_illegal_whoever_asks() {
    for status in CaseStatus::ALL {
        let state = state_in(status);
        for kind in CaseCommandKind::ALL {
            if expected(status, kind) != Illegal {
                continue;
            }
            for actor in every_actor() {
                let error = decide(&state, valid_command(kind), at(), actor).unwrap_err();
                assert_eq!(error.code(), "illegal_transition", "{status} × {kind}");
            }
        }
    }
}

#[test]
fn a_legal_command_from_anyone_but_the_entitled_actor_is_forbidden() {
    for status in CaseStatus::ALL {
        let state = state_in(status);
        for kind in CaseCommandKind::ALL {
            if expected(status, kind) == Illegal {
                continue;
            }
            for actor in every_actor() {
                let result = decide(&state, valid_command(kind), at(), actor);
                let entitled = match actor {
                    Actor::Citizen { id } => {
                        kind.allowed_role() == ActorRole::Citizen && id == OWNER
                    }
                    Actor::Cosigner { id } => {
                        kind.allowed_role() == ActorRole::Cosigner && id == COSIGNER_A
                    }
                    Actor::Officer { .. } => kind.allowed_role() == ActorRole::Officer,
                    Actor::System => kind.allowed_role() == ActorRole::System,
                };
                if entitled {
                    assert!(result.is_ok(), "{status} × {kind} by {actor:?}");
                } else {
                    assert_eq!(
                        result,
                        Err(TransitionError::Forbidden {
                            actor: actor.role(),
                            command: kind,
                        }),
                        "{status} × {kind} by {actor:?}"
                    );
                    assert_eq!(result.unwrap_err().code(), "forbidden_actor");
                }
            }
        }
    }
}

#[test]
fn submitting_an_incomplete_draft_is_refused() {
    let command = CaseCommand::Submit {
        complete: false,
        signature_required: false,
    };
    let error = decide(
        &state_in(Draft),
        command,
        at(),
        Actor::Citizen { id: OWNER },
    )
    .unwrap_err();
    assert_eq!(error, TransitionError::CaseIncomplete);
    assert_eq!(error.code(), "case_incomplete");
}

#[test]
fn submitting_an_unsigned_draft_is_refused_only_when_a_signature_is_required() {
    let owner = Actor::Citizen { id: OWNER };
    let unsigned = |signature_required| CaseCommand::Submit {
        complete: true,
        signature_required,
    };
    let draft = CaseState::new_draft(OWNER);
    let error = decide(&draft, unsigned(true), at(), owner).unwrap_err();
    assert_eq!(error.code(), "signature_required");
    let event = decide(&draft, unsigned(false), at(), owner).unwrap();
    assert_eq!(event.kind, CaseEventKind::CaseSubmitted);
}

#[test]
fn requesting_cosignature_needs_a_complete_signed_draft_and_real_cosigners() {
    let owner = Actor::Citizen { id: OWNER };
    let request = |complete, applicant_signed, cosigners: Vec<Uuid>| {
        let state = if applicant_signed {
            signed_draft()
        } else {
            CaseState::new_draft(OWNER)
        };
        decide(
            &state,
            CaseCommand::RequestCosignature {
                complete,
                cosigners,
            },
            at(),
            owner,
        )
    };
    assert_eq!(
        request(false, true, vec![COSIGNER_A]),
        Err(TransitionError::CaseIncomplete)
    );
    assert_eq!(
        request(true, false, vec![COSIGNER_A]),
        Err(TransitionError::SignatureRequired)
    );
    let error = request(true, true, vec![]).unwrap_err();
    assert_eq!(error.code(), "cosigners_required");
    let error = request(true, true, vec![COSIGNER_A, OWNER]).unwrap_err();
    assert_eq!(error.code(), "owner_listed_as_cosigner");
    let event = request(true, true, vec![COSIGNER_A, COSIGNER_A, COSIGNER_B]).unwrap();
    assert_eq!(
        event.kind,
        CaseEventKind::CosignatureRequested {
            cosigners: BTreeSet::from([COSIGNER_A, COSIGNER_B])
        }
    );
}

#[test]
fn the_last_cosignature_submits_the_case_and_earlier_ones_do_not() {
    let mut state = signed_draft();
    let request = decide(
        &state,
        CaseCommand::RequestCosignature {
            complete: true,
            cosigners: vec![COSIGNER_A, COSIGNER_B],
        },
        at(),
        Actor::Citizen { id: OWNER },
    )
    .unwrap();
    state = apply(&state, &request).unwrap().unwrap();

    let first = decide(
        &state,
        CaseCommand::Cosign,
        at(),
        Actor::Cosigner { id: COSIGNER_B },
    )
    .unwrap();
    assert_eq!(
        first.kind,
        CaseEventKind::CaseCosigned {
            cosigner_id: COSIGNER_B,
            remaining_after: 1
        }
    );
    state = apply(&state, &first).unwrap().unwrap();
    assert_eq!(
        state.phase,
        CasePhase::AwaitingCosignature {
            pending: BTreeSet::from([COSIGNER_A])
        }
    );

    let again = decide(
        &state,
        CaseCommand::Cosign,
        at(),
        Actor::Cosigner { id: COSIGNER_B },
    );
    assert_eq!(again.unwrap_err().code(), "forbidden_actor");

    let last = decide(
        &state,
        CaseCommand::Cosign,
        at(),
        Actor::Cosigner { id: COSIGNER_A },
    )
    .unwrap();
    assert_eq!(
        last.kind,
        CaseEventKind::CaseCosigned {
            cosigner_id: COSIGNER_A,
            remaining_after: 0
        }
    );
    state = apply(&state, &last).unwrap().unwrap();
    assert_eq!(state.status(), Submitted);
}

#[test]
fn declining_expiring_or_withdrawing_cosignature_returns_the_case_to_draft() {
    let state = state_in(AwaitingCosignature);
    for (command, actor) in [
        (
            CaseCommand::DeclineCosignature,
            Actor::Cosigner { id: COSIGNER_A },
        ),
        (CaseCommand::ExpireCosignature, Actor::System),
        (
            CaseCommand::WithdrawCosignature,
            Actor::Citizen { id: OWNER },
        ),
    ] {
        let event = decide(&state, command, at(), actor).unwrap();
        let after = apply(&state, &event).unwrap().unwrap();
        assert_eq!(after, CaseState::new_draft(OWNER));
    }
}

#[test]
fn reopening_needs_a_non_blank_reason_which_is_stored_trimmed() {
    let state = state_in(Closed);
    let officer = Actor::Officer { id: STRANGER };
    for blank in ["", "   ", "\n\t"] {
        let error = decide(
            &state,
            CaseCommand::Reopen {
                reason: blank.to_owned(),
            },
            at(),
            officer,
        )
        .unwrap_err();
        assert_eq!(error, TransitionError::ReasonRequired);
        assert_eq!(error.code(), "reason_required");
    }
    let event = decide(
        &state,
        CaseCommand::Reopen {
            reason: "  Nytt underlag  ".to_owned(),
        },
        at(),
        officer,
    )
    .unwrap();
    assert_eq!(
        event.kind,
        CaseEventKind::CaseReopened {
            reason: "Nytt underlag".to_owned(),
            officer_id: STRANGER
        }
    );
    let after = apply(&state, &event).unwrap().unwrap();
    assert_eq!(
        after.phase,
        CasePhase::InProgress {
            officer_id: STRANGER
        }
    );
}

#[test]
fn closing_records_the_outcome() {
    for outcome in [
        CaseOutcome::Decided,
        CaseOutcome::Withdrawn,
        CaseOutcome::Dismissed,
        CaseOutcome::Forwarded,
        CaseOutcome::Other,
    ] {
        let state = state_in(InProgress);
        let event = decide(
            &state,
            CaseCommand::Close {
                outcome,
                decision: Some("  ".to_owned()),
            },
            at(),
            Actor::Officer { id: OFFICER },
        )
        .unwrap();
        assert_eq!(
            event.kind,
            CaseEventKind::CaseClosed {
                outcome,
                decision: None
            },
            "a blank decision is no decision"
        );
        let after = apply(&state, &event).unwrap().unwrap();
        assert_eq!(
            after.phase,
            CasePhase::Closed {
                outcome,
                closed_at: at()
            }
        );
    }
}

#[test]
fn an_event_that_cannot_follow_the_state_is_rejected_by_apply() {
    let event = CaseEvent {
        at: at(),
        actor: Actor::System,
        kind: CaseEventKind::DraftExpired,
    };
    let error = apply(&state_in(Closed), &event).unwrap_err();
    assert_eq!(error.from, Closed);
    assert_eq!(error.event, "draft_expired");
    assert_eq!(error.code(), "event_does_not_apply");

    let stray = CaseEvent {
        at: at(),
        actor: Actor::Cosigner { id: STRANGER },
        kind: CaseEventKind::CaseCosigned {
            cosigner_id: STRANGER,
            remaining_after: 0,
        },
    };
    assert!(apply(&state_in(AwaitingCosignature), &stray).is_err());
}

#[test]
fn every_change_to_a_draft_counts_a_revision_and_voids_the_signature() {
    let owner = Actor::Citizen { id: OWNER };
    let state = signed_draft();
    for command in [
        valid_command(CaseCommandKind::SaveAnswers),
        valid_command(CaseCommandKind::AddAttachment),
        valid_command(CaseCommandKind::RemoveAttachment),
    ] {
        let event = decide(&state, command, at(), owner).unwrap();
        let after = apply(&state, &event).unwrap().unwrap();
        assert_eq!(after.revision, 2);
        assert_eq!(after.phase, CasePhase::Draft { signed: false });
        let submit = CaseCommand::Submit {
            complete: true,
            signature_required: true,
        };
        assert_eq!(
            decide(&after, submit, at(), owner),
            Err(TransitionError::SignatureRequired)
        );
    }
}

#[test]
fn a_stale_revision_is_an_edit_conflict_and_an_old_signature_does_not_count() {
    let owner = Actor::Citizen { id: OWNER };
    // Answers last saved at revision 4, then a file added (5).
    let state = CaseState {
        revision: 5,
        answers_revision: 4,
        ..CaseState::new_draft(OWNER)
    };
    for stale in [3, 6] {
        let error = decide(
            &state,
            CaseCommand::SaveAnswers {
                expected_revision: stale,
            },
            at(),
            owner,
        )
        .unwrap_err();
        assert_eq!(error.code(), "edit_conflict", "{stale}");
    }
    // The client's own upload since its last save does not make its next save a conflict.
    for seen in [4, 5] {
        let saved = decide(
            &state,
            CaseCommand::SaveAnswers {
                expected_revision: seen,
            },
            at(),
            owner,
        )
        .unwrap();
        let after = apply(&state, &saved).unwrap().unwrap();
        assert_eq!((after.revision, after.answers_revision), (6, 6));
    }
    let error = decide(
        &state,
        CaseCommand::RecordSignature { signed_revision: 4 },
        at(),
        owner,
    )
    .unwrap_err();
    assert_eq!(error.code(), "draft_changed");
    let signed = decide(
        &state,
        CaseCommand::RecordSignature { signed_revision: 5 },
        at(),
        owner,
    )
    .unwrap();
    let after = apply(&state, &signed).unwrap().unwrap();
    assert_eq!(after.phase, CasePhase::Draft { signed: true });
    assert_eq!(after.revision, 5);
}

#[test]
fn a_field_with_all_its_files_takes_no_more() {
    let error = decide(
        &state_in(Draft),
        CaseCommand::AddAttachment {
            attachment_id: Uuid::from_u128(10),
            field_id: "photo".to_owned(),
            files_in_field: 3,
            max_files: 3,
        },
        at(),
        Actor::Citizen { id: OWNER },
    )
    .unwrap_err();
    assert_eq!(error, TransitionError::TooManyFiles { max: 3 });
    assert_eq!(error.code(), "too_many_files");
}

#[test]
fn replay_rebuilds_the_state_from_the_first_event_on() {
    let (state, created) = start_draft(OWNER, at());
    assert_eq!(replay([&created]).unwrap(), Some(state.clone()));
    let saved = decide(
        &state,
        CaseCommand::SaveAnswers {
            expected_revision: 1,
        },
        at(),
        Actor::Citizen { id: OWNER },
    )
    .unwrap();
    let after = apply(&state, &saved).unwrap();
    assert_eq!(replay([&created, &saved]).unwrap(), after);
    assert!(
        replay([&saved]).is_err(),
        "a history must start with draft_created"
    );
    assert_eq!(replay(std::iter::empty()).unwrap(), None);
}

#[test]
fn statuses_are_grouped_into_saved_ongoing_and_closed() {
    assert_eq!(Draft.group(), CaseGroup::Saved);
    assert_eq!(AwaitingCosignature.group(), CaseGroup::Ongoing);
    assert_eq!(Submitted.group(), CaseGroup::Ongoing);
    assert_eq!(InProgress.group(), CaseGroup::Ongoing);
    assert_eq!(Closed.group(), CaseGroup::Closed);
}

#[test]
fn statuses_serialise_as_snake_case() {
    for status in CaseStatus::ALL {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(json, format!("\"{}\"", status.as_str()));
        assert_eq!(serde_json::from_str::<CaseStatus>(&json).unwrap(), status);
    }
    assert_eq!(
        serde_json::to_string(&AwaitingCosignature).unwrap(),
        "\"awaiting_cosignature\""
    );
    for kind in CaseCommandKind::ALL {
        assert_eq!(
            serde_json::to_string(&kind).unwrap(),
            format!("\"{}\"", kind.as_str())
        );
    }
}

#[test]
fn events_round_trip_through_json() {
    let event = CaseEvent {
        at: at(),
        actor: Actor::Officer { id: OFFICER },
        kind: CaseEventKind::CaseClosed {
            outcome: CaseOutcome::Forwarded,
            decision: Some("Överlämnat till Länsstyrelsen.".to_owned()),
        },
    };
    let json = serde_json::to_value(&event).unwrap();
    assert_eq!(json["kind"]["type"], "case_closed");
    assert_eq!(json["kind"]["outcome"], "forwarded");
    assert_eq!(json["actor"]["role"], "officer");
    let back: CaseEvent = serde_json::from_value(json).unwrap();
    assert_eq!(back, event);
}

#[test]
fn a_citizen_may_write_on_a_closed_case_only_within_the_reply_window() {
    let state = state_in(Closed);
    let owner = Actor::Citizen { id: OWNER };
    let message = |days| CaseCommand::PostCitizenMessage {
        message_id: Uuid::from_u128(30),
        reply_window_days: days,
    };
    let on_the_last_day = at() + chrono::Duration::days(30);
    assert!(decide(&state, message(30), on_the_last_day, owner).is_ok());
    let error = decide(
        &state,
        message(30),
        on_the_last_day + chrono::Duration::seconds(1),
        owner,
    )
    .unwrap_err();
    assert_eq!(error, TransitionError::MessagingClosed { days: 30 });
    assert_eq!(error.code(), "messaging_closed");
    assert!(
        decide(
            &state,
            message(0),
            at() + chrono::Duration::seconds(1),
            owner
        )
        .is_err()
    );
    // Officers can always write on a closed case (e.g. to answer a late question).
    assert!(
        decide(
            &state,
            CaseCommand::PostOfficerMessage {
                message_id: Uuid::from_u128(31)
            },
            at() + chrono::Duration::days(400),
            Actor::Officer { id: OFFICER },
        )
        .is_ok()
    );
}

#[test]
fn assigning_keeps_the_status_and_names_the_officer() {
    let officer = Actor::Officer { id: OFFICER };
    let submitted = state_in(Submitted);
    let event = decide(
        &submitted,
        CaseCommand::Assign {
            officer_id: STRANGER,
        },
        at(),
        officer,
    )
    .unwrap();
    let after = apply(&submitted, &event).unwrap().unwrap();
    assert_eq!(
        after.phase,
        CasePhase::Submitted {
            assigned_to: Some(STRANGER)
        }
    );
    let in_progress = state_in(InProgress);
    let event = decide(
        &in_progress,
        CaseCommand::Assign {
            officer_id: STRANGER,
        },
        at(),
        officer,
    )
    .unwrap();
    let after = apply(&in_progress, &event).unwrap().unwrap();
    assert_eq!(
        after.phase,
        CasePhase::InProgress {
            officer_id: STRANGER
        }
    );
}

#[test]
fn a_blank_status_note_is_refused() {
    let error = decide(
        &state_in(InProgress),
        CaseCommand::PublishStatusNote {
            text: " \n ".to_owned(),
        },
        at(),
        Actor::Officer { id: OFFICER },
    )
    .unwrap_err();
    assert_eq!(error, TransitionError::TextRequired);
}

mod random;

//! Random command sequences: whatever is accepted applies, and the history replays to the state.

use super::*;

fn any_command() -> impl Strategy<Value = CaseCommand> {
    let id = prop_oneof![
        Just(OWNER),
        Just(COSIGNER_A),
        Just(COSIGNER_B),
        Just(STRANGER)
    ];
    prop_oneof![
        (any::<bool>(), any::<bool>()).prop_map(|(complete, signature_required)| {
            CaseCommand::Submit {
                complete,
                signature_required,
            }
        }),
        (any::<bool>(), prop::collection::vec(id, 0..4)).prop_map(|(complete, cosigners)| {
            CaseCommand::RequestCosignature {
                complete,
                cosigners,
            }
        }),
        (0_u32..4).prop_map(|expected_revision| CaseCommand::SaveAnswers { expected_revision }),
        (0_u32..3, 1_u32..3).prop_map(|(files_in_field, max_files)| {
            CaseCommand::AddAttachment {
                attachment_id: Uuid::from_u128(10),
                field_id: "photo".to_owned(),
                files_in_field,
                max_files,
            }
        }),
        Just(CaseCommand::RemoveAttachment {
            attachment_id: Uuid::from_u128(10),
            field_id: "photo".to_owned(),
        }),
        (0_u32..4).prop_map(|signed_revision| CaseCommand::RecordSignature { signed_revision }),
        Just(CaseCommand::Cosign),
        Just(CaseCommand::DeclineCosignature),
        Just(CaseCommand::ExpireCosignature),
        Just(CaseCommand::WithdrawCosignature),
        Just(CaseCommand::StartHandling {
            officer_id: OFFICER
        }),
        Just(CaseCommand::Close {
            outcome: CaseOutcome::Decided,
            decision: None,
        }),
        Just(CaseCommand::Assign {
            officer_id: STRANGER
        }),
        "[ a-z]{0,3}".prop_map(|text| CaseCommand::PublishStatusNote { text }),
        (0_u32..2).prop_map(|reply_window_days| CaseCommand::PostCitizenMessage {
            message_id: Uuid::from_u128(40),
            reply_window_days,
        }),
        Just(CaseCommand::PostOfficerMessage {
            message_id: Uuid::from_u128(41)
        }),
        "[ a-z]{0,3}".prop_map(|reason| CaseCommand::Reopen { reason }),
        Just(CaseCommand::DeleteDraft),
        Just(CaseCommand::ExpireDraft),
    ]
}

fn any_actor() -> impl Strategy<Value = Actor> {
    prop::sample::select(every_actor().to_vec())
}

proptest! {
    #[test]
    fn every_accepted_command_produces_an_event_that_applies(
        steps in prop::collection::vec((any_command(), any_actor()), 0..40),
    ) {
        let (initial, created) = start_draft(OWNER, at());
        let mut history = vec![created];
        let mut state = Some(initial);
        for (command, actor) in steps {
            let Some(current) = state.clone() else { break };
            let kind = command.kind();
            match decide(&current, command, at(), actor) {
                Ok(event) => {
                    prop_assert_eq!(actor.role(), kind.allowed_role());
                    state = apply(&current, &event).unwrap();
                    history.push(event);
                    if let Some(next) = &state {
                        prop_assert_eq!(next.owner_id, OWNER);
                        if let CasePhase::AwaitingCosignature { pending } = &next.phase {
                            prop_assert!(!pending.is_empty());
                        }
                    }
                }
                Err(error) => {
                    prop_assert!(!error.code().is_empty());
                }
            }
        }
        prop_assert_eq!(replay(&history).unwrap(), state);
    }
}

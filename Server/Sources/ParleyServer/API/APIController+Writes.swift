import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

extension APIController {
    /// A write by the request's editor: the body as `Body`, then `perform` as the token's user
    /// on a worker thread (each use case is one transaction).
    func write<Body: RequestBody, Result: Sendable>(
        _ request: Request, _ context: ParleyContext, _ body: Body.Type,
        _ perform: @escaping @Sendable (Parley, Body) throws -> Result
    ) async throws -> Result {
        if let log = WriteLog.shared { return try await logged(request, context, body, log, perform) }
        let token = try await access.requireWrite(request, context)
        let fields = try await JSONBody.decode(body, from: request, within: access.bodyTimeout)
        let writer = parley.by(token.name)
        return try await offload { try perform(writer, fields) }
    }

    /// ``write(_:_:_:_:)`` with its steps timed, into the log the server was asked to keep (with
    /// the statement's number, for a statement recorded).
    private func logged<Body: RequestBody, Result: Sendable>(
        _ request: Request, _ context: ParleyContext, _ body: Body.Type, _ log: WriteLog,
        _ perform: @escaping @Sendable (Parley, Body) throws -> Result
    ) async throws -> Result {
        let arrived = WriteTimeline.Stamp.now()
        let token = try await access.requireWrite(request, context)
        let authenticated = WriteTimeline.Stamp.now()
        let fields = try await JSONBody.decode(body, from: request, within: access.bodyTimeout)
        let decoded = WriteTimeline.Stamp.now()
        let writer = parley.by(token.name)
        let (result, started, store, performed) = try await offload {
            let started = WriteTimeline.Stamp.now()
            let result = try perform(writer, fields)
            return (result, started, WriteTimeline.last(), WriteTimeline.Stamp.now())
        }
        let steps = WriteLog.Steps(
            arrived: arrived, authenticated: authenticated, decoded: decoded, started: started, store: store,
            performed: performed, resumed: .now())
        log.log(steps, number: (result as? StatementRecorded)?.number)
        return result
    }

    /// `POST statements`: records a statement (201).
    func recordStatement(_ request: Request, context: ParleyContext) async throws
        -> EditedResponse<StatementRecorded>
    {
        let recorded = try await write(request, context, RecordStatementRequest.self) { writer, body in
            let receipt = try writer.record(try body.statement(), newLabelConfirmed: body.newLabel ?? false)
            return StatementRecorded(
                number: receipt.sequence, party: receipt.party, newLabel: receipt.isNewLabel,
                existingLabels: receipt.existingLabels, nearMisses: receipt.nearMisses)
        }
        return EditedResponse(status: .created, response: recorded)
    }

    /// `POST statements/N/amend`: changes a statement's fields, giving a reason.
    func amendStatement(_ request: Request, context: ParleyContext) async throws -> StatementAmended {
        let number = try Self.number(context)
        return try await write(request, context, AmendStatementRequest.self) { writer, body in
            let changed = try writer.amend(
                number: number, try body.changes(), reason: try body.requiredReason())
            return StatementAmended(
                number: number,
                changes: changed.map { StatementAmended.Change(field: $0.field, old: $0.old, new: $0.new) })
        }
    }

    /// `POST statements/N/retract`: retracts a statement, giving a reason.
    func retractStatement(_ request: Request, context: ParleyContext) async throws -> StatementRetracted {
        let number = try Self.number(context)
        return try await write(request, context, RetractStatementRequest.self) { writer, body in
            try writer.retract(number: number, reason: try body.required(body.reason, .reason))
            return StatementRetracted(number: number)
        }
    }

    /// `POST agreements/ID/steps` (201).
    func addAgreementStep(_ request: Request, context: ParleyContext) async throws -> EditedResponse<StepAdded> {
        EditedResponse(status: .created, response: try await step(AgreementStatus.self, request, context))
    }

    /// `POST disputes/ID/steps` (201).
    func addDisputeStep(_ request: Request, context: ParleyContext) async throws -> EditedResponse<StepAdded> {
        EditedResponse(status: .created, response: try await step(DisputeStatus.self, request, context))
    }

    /// A status step: the body as `agreement update`'s or `dispute update`'s options.
    func step<Status: StepStatus>(_ type: Status.Type, _ request: Request, _ context: ParleyContext) async throws
        -> StepAdded
    {
        guard let id = context.parameters.get("id") else { throw APIProblem.badRequest("no id") }
        return try await write(request, context, StepRequest.self) { writer, body in
            try Self.addStep(Status.self, to: id, body, by: writer)
        }
    }

    /// Adds the step `body` describes to `id`'s history; without a status, the one in force on
    /// the step's date is kept. (The API's steps and the pages' step forms.)
    static func addStep<Status: StepStatus>(_ type: Status.Type, to id: String, _ body: StepRequest, by writer: Parley)
        throws -> StepAdded
    {
        let status: Status? = try body.choice(body.status, .status)
        let (place, step) = try writer.appendStep(
            status: status, on: try body.date(body.on, .on), source: try body.required(body.source, .source), to: id
        ) { step in
            step.note = body.note
            step.accordingTo = body.accordingTo
            (step.addParties, step.removeParties) = (body.addParties ?? [], body.removeParties ?? [])
            (step.addMediators, step.removeMediators) = (body.addMediators ?? [], body.removeMediators ?? [])
        }
        return StepAdded(id: id, step: place, status: step.status.rawValue, on: step.on.description)
    }

    /// The statement number in the URL.
    static func number(_ context: ParleyContext) throws -> Int64 {
        guard let text = context.parameters.get("number"), let number = Int64(text), number > 0 else {
            throw APIProblem.badRequest("the statement number must be a whole number from 1 up")
        }
        return number
    }
}

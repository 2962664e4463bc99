// The agreement on screen, from the same structure as the PDF: filled blanks are underlined.
import type { AgreementDocument } from "@/server/contracts/agreement";
import type { Paragraph } from "@/server/documents/text";

function Text({ paragraph }: { paragraph: Paragraph }) {
  return (
    <>
      {paragraph.map((segment, i) =>
        segment.filled ? (
          <span key={i} className="mx-0.5 border-b border-slate-800 px-0.5 font-medium text-slate-900">
            {segment.text}
          </span>
        ) : segment.blank ? (
          <span key={i} className="mx-0.5 inline-block w-16 border-b border-slate-400" aria-label="blank" />
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export function AgreementView({ doc }: { doc: AgreementDocument }) {
  return (
    <article
      className="mx-auto max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-8 text-[15px] leading-7 text-slate-800 shadow-sm"
      data-testid="agreement"
    >
      <p className="text-right text-xs text-slate-500">
        <Text paragraph={doc.header} />
      </p>
      <h2 className="text-center text-xl font-bold text-slate-900">{doc.title}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {doc.parties.map((party) => (
          <div key={party.role} className="space-y-0.5">
            {party.lines.map((line) => (
              <p key={line.label}>
                {line.label}：<Text paragraph={line.value} />
              </p>
            ))}
          </div>
        ))}
      </div>
      <p className="indent-8">
        <Text paragraph={doc.intro} />
      </p>
      {doc.sections.map((section) => (
        <section key={section.heading} className="space-y-2">
          <h3 className="font-bold text-slate-900">{section.heading}</h3>
          {section.blocks.map((block, i) =>
            block.kind === "subheading" ? (
              <h4 key={i} className="font-semibold">
                {block.text}
              </h4>
            ) : block.kind === "clause" ? (
              <p key={i} className={block.number ? "" : "indent-8"}>
                {block.number ? `${block.number}. ` : ""}
                <Text paragraph={block.text} />
              </p>
            ) : (
              <table key={i} className="w-full border-collapse text-sm">
                <thead>
                  <tr>
                    {block.table.columns.map((c) => (
                      <th key={c} className="border border-slate-300 bg-slate-50 px-2 py-1 font-medium">
                        {c}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {block.table.rows.map((row) => (
                    <tr key={row.code} className={row.chosen ? "bg-brand-50 font-medium" : ""}>
                      {row.cells.map((cell, j) => (
                        <td key={j} className={`border border-slate-300 px-2 py-1 ${j > 0 ? "num text-right" : ""}`}>
                          {cell}
                          {j === 0 && row.chosen ? " ✓" : ""}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
          )}
        </section>
      ))}
      {doc.closing.map((p, i) => (
        <p key={i} className="indent-8">
          <Text paragraph={p} />
        </p>
      ))}
      <div className="border-t border-dashed border-slate-300 pt-4">
        <p className="mb-3 text-center text-sm text-slate-500">{doc.signaturePage.note}</p>
        <div className="grid gap-6 sm:grid-cols-2">
          {doc.signaturePage.parties.map((block) => (
            <div key={block.role} className="space-y-1 text-sm">
              {[block.seal, block.signatory, block.bankName, block.bankAccount, block.signingPlace].map((line) => (
                <p key={line.label}>
                  {line.label}：<Text paragraph={line.value} />
                </p>
              ))}
              <p>
                <Text paragraph={block.date} />
              </p>
              {block.onlineAcceptance ? <p className="text-xs text-brand-700">{block.onlineAcceptance}</p> : null}
            </div>
          ))}
        </div>
      </div>
    </article>
  );
}

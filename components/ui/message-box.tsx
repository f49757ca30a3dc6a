/** A page-sized message: a refusal, a bad link, an empty state. */
export function MessageBox({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="message-box" role="alert">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

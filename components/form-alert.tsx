/** A form's outcome under it: an error (role alert) or a confirmation (role status); nothing when empty. */
export function FormAlert({
  error,
  message,
  className = "",
}: {
  error?: string;
  message?: string;
  className?: string;
}) {
  if (error) {
    return (
      <p role="alert" className={`rounded-md bg-red-50 p-3 text-sm text-red-800 ${className}`}>
        {error}
      </p>
    );
  }
  if (message) {
    return (
      <p role="status" className={`rounded-md bg-green-50 p-3 text-sm text-green-800 ${className}`}>
        {message}
      </p>
    );
  }
  return null;
}

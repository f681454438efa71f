// Passkeys, with Spring Security's WebAuthn endpoints. Loaded by rampe.js for two elements:
//   [data-module="passkeys"]         the form that adds a passkey on /account/passkeys
//   [data-module="passkey-sign-in"]  the "Sign in with a passkey" block of /signin
// Both are hidden in the HTML and shown only where the browser can use passkeys; the pages say what
// to do otherwise (the password, a sign-in link by email), so nothing here is needed to sign in.
//
// Words come from the element's data attributes (data-working, data-failed, data-cancelled,
// data-too-many with {0} minutes, and for the form data-name-required, data-exists,
// data-error-prefix), as does the name of the CSRF header (data-csrf-header; the token is the
// page's own). A problem is written into the element's .error-summary (role=alert), which takes
// focus; progress goes to .passkey-status (role=status).

const base64url = {
  encode(buffer) {
    const text = String.fromCharCode(...new Uint8Array(buffer));
    return window.btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  },
  decode(value) {
    const text = window.atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;
  },
};

/** A refusal to tell the person about: the data attribute that holds its words, and its {0}. */
class Problem extends Error {
  constructor(words, argument) {
    super(words);
    this.words = words;
    this.argument = argument;
  }
}

export function supported() {
  return Boolean(window.PublicKeyCredential && navigator.credentials
    && navigator.credentials.create && navigator.credentials.get);
}

/** The page's CSRF token: a member's pages have it in a meta tag, the sign-in page in its form. */
function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const input = document.querySelector('input[name="_csrf"]');
  return (meta && meta.content) || (input && input.value) || null;
}

async function post(element, url, body) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const token = csrfToken();
  if (element.dataset.csrfHeader && token) {
    headers[element.dataset.csrfHeader] = token;
  }
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin', headers, body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 429) {
    const seconds = parseInt(response.headers.get('Retry-After') || '60', 10);
    throw new Problem('tooMany', Math.max(1, Math.ceil(seconds / 60)));
  }
  if (!response.ok) {
    throw new Problem('failed');
  }
  return response.json();
}

/** What the browser's refusal means for the person: cancelled or timed out, already there, or failed. */
function browserProblem(error) {
  if (error && error.name === 'NotAllowedError') {
    return new Problem('cancelled');
  }
  if (error && error.name === 'InvalidStateError') {
    return new Problem('exists');
  }
  return new Problem('failed');
}

function words(element, problem) {
  const text = element.dataset[problem instanceof Problem ? problem.words : 'failed'] || element.dataset.failed;
  return text.replace('{0}', problem && problem.argument !== undefined ? problem.argument : '');
}

function say(element, text) {
  const status = element.querySelector('.passkey-status');
  if (status) {
    status.textContent = text;
  }
}

function showProblem(element, text) {
  say(element, '');
  const summary = element.querySelector('.error-summary');
  summary.querySelector('.passkey-error-text').textContent = text;
  summary.hidden = false;
  summary.focus();
}

function hideProblem(element) {
  element.querySelector('.error-summary').hidden = true;
}

/** Adds a passkey: Spring's registration options, the browser's ceremony, then Spring's registration. */
async function createPasskey(form, name) {
  const options = await post(form, '/webauthn/register/options');
  const publicKey = {
    ...options,
    user: { ...options.user, id: base64url.decode(options.user.id) },
    challenge: base64url.decode(options.challenge),
    excludeCredentials: (options.excludeCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
  };
  let credential;
  try {
    credential = await navigator.credentials.create({ publicKey });
  } catch (error) {
    throw browserProblem(error);
  }
  const { response } = credential;
  const registered = await post(form, '/webauthn/register', {
    publicKey: {
      label: name,
      credential: {
        id: credential.id,
        rawId: base64url.encode(credential.rawId),
        type: credential.type,
        response: {
          attestationObject: base64url.encode(response.attestationObject),
          clientDataJSON: base64url.encode(response.clientDataJSON),
          transports: response.getTransports ? response.getTransports() : [],
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment,
      },
    },
  });
  if (!registered || !registered.success) {
    throw new Problem('failed');
  }
}

function markName(form, input, text) {
  const field = input.closest('.field');
  let message = field.querySelector('.error-message');
  if (text) {
    if (!message) {
      message = document.createElement('p');
      message.className = 'error-message';
      message.id = `${input.id}-error`;
      const prefix = document.createElement('span');
      prefix.className = 'visually-hidden';
      prefix.textContent = form.dataset.errorPrefix;
      message.append(prefix, document.createElement('span'));
      input.before(message);
    }
    message.lastChild.textContent = ` ${text}`;
    field.classList.add('field-has-error');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.id}-hint ${message.id}`);
  } else if (message) {
    message.remove();
    field.classList.remove('field-has-error');
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', `${input.id}-hint`);
  }
}

export function register(form) {
  if (!supported()) {
    return;
  }
  const unsupported = form.parentElement.querySelector('.passkeys-unsupported');
  if (unsupported) {
    unsupported.hidden = true;
  }
  form.hidden = false;
  const input = form.querySelector('input[name="name"]');
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) {
      return;
    }
    hideProblem(form);
    const name = input.value.trim();
    markName(form, input, name ? null : form.dataset.nameRequired);
    if (!name) {
      showProblem(form, form.dataset.nameRequired);
      return;
    }
    busy = true;
    say(form, form.dataset.working);
    try {
      await createPasskey(form, name);
      window.location.assign(form.dataset.doneUrl);
    } catch (problem) {
      showProblem(form, words(form, problem));
    } finally {
      busy = false;
    }
  });
}

/** Signs in: Spring's authentication options, the browser's ceremony, then POST /login/webauthn. */
async function usePasskey(block) {
  const options = await post(block, '/webauthn/authenticate/options');
  const publicKey = {
    ...options,
    challenge: base64url.decode(options.challenge),
    allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: base64url.decode(c.id) })),
  };
  let credential;
  try {
    credential = await navigator.credentials.get({ publicKey });
  } catch (error) {
    const problem = browserProblem(error);
    throw problem.words === 'exists' ? new Problem('failed') : problem;
  }
  const { response } = credential;
  const returnTo = block.dataset.returnTo;
  const signedIn = await post(block, `/login/webauthn${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, {
    id: credential.id,
    rawId: base64url.encode(credential.rawId),
    type: credential.type,
    response: {
      authenticatorData: base64url.encode(response.authenticatorData),
      clientDataJSON: base64url.encode(response.clientDataJSON),
      signature: base64url.encode(response.signature),
      userHandle: response.userHandle ? base64url.encode(response.userHandle) : undefined,
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment,
  });
  if (!signedIn || !signedIn.authenticated || !signedIn.redirectUrl) {
    throw new Problem('failed');
  }
  return signedIn.redirectUrl;
}

export function signIn(block) {
  if (!supported()) {
    return;
  }
  block.hidden = false;
  const button = block.querySelector('button');
  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) {
      return;
    }
    busy = true;
    hideProblem(block);
    say(block, block.dataset.working);
    try {
      window.location.assign(await usePasskey(block));
    } catch (problem) {
      showProblem(block, words(block, problem));
      busy = false;
    }
  });
}

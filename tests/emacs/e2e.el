;;; e2e.el --- The README's Emacs recipe, end to end, in batch Emacs  -*- lexical-binding: t -*-

;; Loads exactly the elisp block under "**Emacs**" in README.md (so the
;; README cannot drift from what is tested), then opens articles of a copy
;; of the examples as a user would and checks what eglot and flymake show
;; with the real `copydesk lsp':
;;
;;   COPYDESK_README=README.md COPYDESK_CORPUS=/tmp/copy-of-examples \
;;   COPYDESK_OUTSIDE=/tmp/folder-under-no-copydesk-toml \
;;     emacs --batch -q -l tests/emacs/e2e.el
;;
;; `copydesk' must be on PATH (tests/emacs/run.sh puts the binary under
;; test there). Prints one line per check and, last, "N passed, M failed";
;; exits non-zero when a check fails.

(require 'cl-lib)
(require 'subr-x)

(defvar copydesk-test-timeout
  (string-to-number (or (getenv "COPYDESK_TEST_TIMEOUT") "30"))
  "Seconds to wait for the server before a check fails.")

(defun copydesk-test--say (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

(defun copydesk-test--env (name)
  (let ((value (getenv name)))
    (unless (and value (not (string-empty-p value)))
      (copydesk-test--say "FATAL: %s is not set" name)
      (copydesk-test--say "0 passed, 1 failed")
      (kill-emacs 2))
    (file-name-as-directory (expand-file-name value))))

(defvar copydesk-test--corpus (copydesk-test--env "COPYDESK_CORPUS"))
(defvar copydesk-test--outside (copydesk-test--env "COPYDESK_OUTSIDE"))
(defvar copydesk-test--readme
  (directory-file-name (copydesk-test--env "COPYDESK_README")))

;;; Harness

(defvar copydesk-test--passed 0)
(defvar copydesk-test--failed 0)

(defmacro copydesk-test (name &rest body)
  "Run BODY as the check NAME: ok when it returns, FAIL when it signals."
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (cl-incf copydesk-test--passed)
              (copydesk-test--say "ok   %s" ,name))
     (error
      (cl-incf copydesk-test--failed)
      (copydesk-test--say "FAIL %s\n     %s" ,name (error-message-string err)))))

(defvar copydesk-test--server nil)

(defun copydesk-test--save-events ()
  "On failure so far, save eglot's log of the conversation for run.sh."
  (let ((events (getenv "COPYDESK_EVENTS_LOG")))
    (when (and events (> copydesk-test--failed 0) copydesk-test--server)
      (let ((buffer (jsonrpc-events-buffer copydesk-test--server)))
        (when (buffer-live-p buffer)
          (with-current-buffer buffer
            (write-region nil nil events nil 'silent)))))))

(defun copydesk-test--finish ()
  (copydesk-test--say "%d passed, %d failed" copydesk-test--passed copydesk-test--failed)
  (kill-emacs (if (zerop copydesk-test--failed) 0 1)))

(defun copydesk-test--bail (format-string &rest args)
  (cl-incf copydesk-test--failed)
  (copydesk-test--say "FATAL: %s" (apply #'format format-string args))
  (copydesk-test--finish))

(defun copydesk-test--eq (actual expected what)
  (unless (equal actual expected)
    (error "%s: expected %S, got %S" what expected actual)))

(defun copydesk-test--tick ()
  "What the command loop does after each command, which batch Emacs does
not: run `post-command-hook' (where `eglot-ensure' connects) and, as
redisplay does, `window-configuration-change-hook' (where flymake starts
in a buffer that was not shown when its mode was turned on); then read
the server."
  (run-hooks 'post-command-hook)
  (dolist (window (window-list))
    (with-current-buffer (window-buffer window)
      (run-hooks 'window-configuration-change-hook)))
  (accept-process-output nil 0.05))

(defun copydesk-test--wait (what predicate &optional seconds)
  "Tick until PREDICATE returns non-nil; fail after SECONDS saying WHAT."
  (let ((deadline (+ (float-time) (or seconds copydesk-test-timeout)))
        value)
    (while (and (not (setq value (funcall predicate)))
                (< (float-time) deadline))
      (copydesk-test--tick))
    (or value
        (error "timed out after %ss waiting for %s"
               (or seconds copydesk-test-timeout) what))))

(defun copydesk-test--settle (seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (< (float-time) deadline)
      (copydesk-test--tick))))

;;; The recipe, as the README has it

(defun copydesk-test--readme-recipe ()
  "The elisp block right after the \"**Emacs**\" paragraph of the README."
  (with-temp-buffer
    (insert-file-contents copydesk-test--readme)
    (goto-char (point-min))
    (unless (re-search-forward "^\\*\\*Emacs\\*\\*" nil t)
      (error "README.md has no \"**Emacs**\" paragraph"))
    (unless (re-search-forward "^```elisp\n" nil t)
      (error "no ```elisp block after \"**Emacs**\" in README.md"))
    (let ((start (point)))
      (unless (re-search-forward "^```$" nil t)
        (error "the ```elisp block in README.md is not closed"))
      (buffer-substring-no-properties start (match-beginning 0)))))

(defun copydesk-test--load-recipe (source)
  "Evaluate every form of SOURCE, as loading an init file does."
  (with-temp-buffer
    (insert source)
    (goto-char (point-min))
    (let ((forms 0))
      (condition-case nil
          (while t
            (eval (read (current-buffer)) t)
            (cl-incf forms))
        (end-of-file nil))
      forms)))

;; Debian's elpa-eglot and elpa-markdown-mode, activated as at startup.
(package-activate-all)
(dolist (feature '(eglot markdown-mode))
  (unless (locate-library (symbol-name feature))
    (copydesk-test--bail "%s is not installed (tests/emacs/run.sh installs it)" feature)))
(unless (executable-find "copydesk")
  (copydesk-test--bail "copydesk is not on PATH"))

(copydesk-test--say "copydesk Emacs e2e: GNU Emacs %s, eglot %s, markdown-mode %s, server %s, corpus %s"
                    emacs-version
                    (file-name-nondirectory (directory-file-name (file-name-directory (locate-library "eglot"))))
                    (file-name-nondirectory (directory-file-name (file-name-directory (locate-library "markdown-mode"))))
                    (executable-find "copydesk")
                    copydesk-test--corpus)

(let ((forms (condition-case err
                 (copydesk-test--load-recipe (copydesk-test--readme-recipe))
               (error (copydesk-test--bail "loading the README's recipe: %s"
                                           (error-message-string err))))))
  (copydesk-test--say "     loaded %d forms from the README's Emacs recipe" forms))

;;; Helpers on what the user sees

(defun copydesk-test--copydesk-processes ()
  (cl-remove-if-not
   (lambda (p)
     (and (process-live-p p)
          (equal (file-name-nondirectory (or (car (process-command p)) "")) "copydesk")))
   (process-list)))

(defun copydesk-test--diagnostics ()
  "The copydesk findings flymake shows in this buffer, without the
corpus-wide spelling notes: (LINE COLUMN TEXT SEVERITY MESSAGE), sorted.
LINE and COLUMN are 1-based, COLUMN in characters; SEVERITY is the LSP
severity the server sent (1 error ... 4 hint)."
  (let (found)
    (dolist (d (flymake-diagnostics))
      (let ((text (flymake-diagnostic-text d))
            (lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d))))
        (when (and (string-prefix-p "copydesk [" text)
                   (not (string-prefix-p "copydesk [corpus-spelling]" text)))
          (let ((beg (flymake-diagnostic-beg d)))
            (push (list (line-number-at-pos beg)
                        (save-excursion (goto-char beg) (1+ (current-column)))
                        (buffer-substring-no-properties beg (flymake-diagnostic-end d))
                        (plist-get lsp :severity)
                        text)
                  found)))))
    (sort found (lambda (a b) (or (< (car a) (car b))
                                  (and (= (car a) (car b)) (< (cadr a) (cadr b))))))))

(defun copydesk-test--wait-for-diagnostics (count)
  "Wait for COUNT findings, then a moment for a later publication to land."
  (copydesk-test--wait (format "%d copydesk diagnostics in %s (flymake shows %S)"
                               count (buffer-name) (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
                       (lambda () (>= (length (copydesk-test--diagnostics)) count)))
  (copydesk-test--settle 0.5)
  (copydesk-test--diagnostics))

(defun copydesk-test--visit (relative)
  "Visit RELATIVE (in the corpus) as a user would: find-file, then one
turn of the command loop."
  (find-file (expand-file-name relative copydesk-test--corpus))
  (copydesk-test--tick)
  (current-buffer))

(defun copydesk-test--goto (needle)
  "Put point on the first character of the first NEEDLE in the buffer."
  (goto-char (point-min))
  (unless (search-forward needle nil t)
    (error "%S not found in %s" needle (buffer-name)))
  (goto-char (match-beginning 0)))

;;; Checks

(defconst copydesk-test--md "articles/politics/2026-02-14-budget-vote.md")
(defconst copydesk-test--txt "articles/wire/2026-02-25-patrol-boats.txt")

(copydesk-test "a Markdown article in the workspace: markdown-mode starts copydesk, rooted at the copydesk.toml"
  (with-current-buffer (copydesk-test--visit copydesk-test--md)
    (copydesk-test--eq major-mode 'markdown-mode "major mode")
    (setq copydesk-test--server
          (copydesk-test--wait "eglot to connect to copydesk"
                               (lambda () (and (bound-and-true-p eglot--managed-mode)
                                               (eglot-current-server)))))
    (copydesk-test--eq (process-command (jsonrpc--process copydesk-test--server))
                       (list "copydesk" "lsp") "server command")
    ;; the article is two folders down and the corpus is no git
    ;; repository: the recipe's project function makes the root
    (copydesk-test--eq (file-name-as-directory
                        (expand-file-name (project-root (eglot--project copydesk-test--server))))
                       copydesk-test--corpus "server root")))

(unless copydesk-test--server
  (copydesk-test--bail "no server started; the remaining checks cannot run"))

(copydesk-test "the Markdown article's findings: rule, line, column, text, severity, message"
  (with-current-buffer (find-buffer-visiting (expand-file-name copydesk-test--md copydesk-test--corpus))
    (copydesk-test--eq
     (copydesk-test--wait-for-diagnostics 4)
     '((11 154 "several hundred protesters kept vigil" 2
           "copydesk [unsourced-statistic]: estimate with no source in the article (say who estimates or projects it)")
       (21 26 "the the" 3 "copydesk [repeated-word]: ‘the’ is repeated")
       (21 140 "Bonder" 2
           "copydesk [misspelled-name]: ‘Bonder’ looks like a misspelling of ‘Bondar’ (Oleg Bondar, named earlier)")
       ;; a hint by default: 3 (information) is the recipe's setting
       (23 16 "Marta Kelling" 3
           "copydesk [unknown-actor]: ‘Marta Kelling’ is not in the registry (seen as ‘Budget analyst’)"))
     "diagnostics")))

(copydesk-test "a text article in the workspace: text-mode joins the same server; its findings"
  (with-current-buffer (copydesk-test--visit copydesk-test--txt)
    (copydesk-test--eq major-mode 'text-mode "major mode")
    (copydesk-test--wait "eglot to manage the text article"
                         (lambda () (bound-and-true-p eglot--managed-mode)))
    (copydesk-test--eq (jsonrpc-name (eglot-current-server)) (jsonrpc-name copydesk-test--server) "server")
    (copydesk-test--eq (length (copydesk-test--copydesk-processes)) 1 "copydesk processes")
    (copydesk-test--eq
     (copydesk-test--wait-for-diagnostics 4)
     '((13 94 "Lena Markovic" 2
           "copydesk [name-variant]: ‘Lena Markovic’ is a variant spelling of Lena Marković; house style is ‘Lena Marković’")
       (13 186 "Markovic" 2
           "copydesk [name-variant]: ‘Markovic’ is a variant spelling of Lena Marković; house style is ‘Marković’")
       (15 18 "Dag Emmerich" 3
           "copydesk [unknown-actor]: ‘Dag Emmerich’ is not in the registry (seen as ‘Security analyst’)")
       (17 56 "Andrej Vloan" 2
           "copydesk [misspelled-name]: ‘Andrej Vloan’ looks like a misspelling of ‘Andrej Volan’"))
     "diagnostics")))

(copydesk-test "hover (eldoc) on \"Pavel Horak\" shows his actor card"
  (with-current-buffer (find-buffer-visiting (expand-file-name copydesk-test--txt copydesk-test--corpus))
    (switch-to-buffer (current-buffer))  ; eglot answers eldoc for a shown buffer
    (copydesk-test--goto "Pavel Horak")
    (forward-char 3)
    (let (doc)
      (eglot-hover-eldoc-function (lambda (info &rest _) (setq doc (or info 'none))))
      (copydesk-test--wait "the hover" (lambda () doc))
      (unless (stringp doc)
        (error "no hover at %d:%d" (line-number-at-pos) (current-column)))
      (setq doc (substring-no-properties doc))
      (unless (string-match-p "\\`\\(### \\)?Pavel Horak\n" doc)
        (error "the hover does not start with the name: %S" (substring doc 0 (min 120 (length doc))))))))

(copydesk-test "xref-find-definitions (M-.) on \"Pavel Horak\" jumps to his [[actor]] in actors.toml"
  (let ((registry (expand-file-name "actors.toml" copydesk-test--corpus))
        expected)
    (with-temp-buffer
      (insert-file-contents registry)
      (copydesk-test--goto "id = \"pavel-horak\"")
      (forward-line -1)
      (copydesk-test--eq (buffer-substring (point) (line-end-position)) "[[actor]]" "line above the id")
      (setq expected (line-number-at-pos)))
    (switch-to-buffer (find-buffer-visiting (expand-file-name copydesk-test--txt copydesk-test--corpus)))
    (copydesk-test--goto "Pavel Horak")
    (let ((xref-prompt-for-identifier nil))
      (call-interactively #'xref-find-definitions))
    (copydesk-test--eq (buffer-file-name) registry "file after M-.")
    (copydesk-test--eq (line-number-at-pos) expected "line after M-.")
    (copydesk-test--eq (buffer-substring (line-beginning-position) (line-end-position)) "[[actor]]" "text at point")))

(copydesk-test "articles outside any workspace start no server (Markdown and text)"
  (let ((note-md (expand-file-name "note.md" copydesk-test--outside))
        (note-txt (expand-file-name "note.txt" copydesk-test--outside)))
    (when (locate-dominating-file copydesk-test--outside "copydesk.toml")
      (error "%s is under a copydesk.toml: the check would prove nothing" copydesk-test--outside))
    (dolist (file (list note-md note-txt))
      (with-temp-file file
        (insert "President Andrej Vloan said the the budget would pass.\n")))
    (dolist (file (list note-md note-txt))
      (with-current-buffer (find-file file)
        (copydesk-test--eq major-mode (if (equal file note-md) 'markdown-mode 'text-mode)
                           (format "major mode of %s" (file-name-nondirectory file)))))
    (copydesk-test--settle 2)
    (dolist (file (list note-md note-txt))
      (with-current-buffer (find-buffer-visiting file)
        (when (bound-and-true-p eglot--managed-mode)
          (error "eglot manages %s" file))
        (when (eglot-current-server)
          (error "%s has a server" file))))
    (copydesk-test--eq (length (copydesk-test--copydesk-processes)) 1 "copydesk processes")))

(copydesk-test "the recipe leaves eglot's own servers alone elsewhere (marksman for Markdown)"
  (with-current-buffer (find-buffer-visiting (expand-file-name "note.md" copydesk-test--outside))
    (copydesk-test--eq (local-variable-p 'eglot-server-programs) nil "a buffer-local eglot-server-programs")
    (copydesk-test--eq (car (nth 2 (eglot--lookup-mode 'markdown-mode))) "marksman"
                       "server eglot would start for Markdown outside a workspace")))

(copydesk-test--save-events)
(copydesk-test "eglot shuts the server down"
  (eglot-shutdown copydesk-test--server)
  (copydesk-test--wait "the copydesk process to exit"
                       (lambda () (null (copydesk-test--copydesk-processes)))))

(copydesk-test--finish)

;;; e2e.el ends here
